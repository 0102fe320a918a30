import type { Backend } from '../../../electron/backend/backend';
import type { AgentListEntry } from '../../../shared/api/methods/agents';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { BuiltinTag, Moment, Tag } from '../../../shared/api/methods/review';
import type { InteractionDetail, LibraryItem } from '../../../shared/api';
import type { AnswerValue } from '../../../shared/rubric/answers';
import { findOrAddAgent } from '../../../electron/backend/services/people';
import { call, callAs } from '../../support/backend';
import { createProfile, publishSmallRubric } from '../evaluations/fixture';
import { seedDemo } from './demo-seed';

/**
 * A team as the coaching, agent-page and reel tests need it, built through the public API: the demo
 * calls and chats (Anna Berg and Mikko Laine in Customer Care, Jonas Keller in Technical Support), a
 * QA supervisor who evaluates, two team leads who coach, and the small "Billing calls" rubric
 * (Courtesy: greeting, polite tone (critical); Competence: product knowledge 0-2).
 */
export interface World {
  backend: Backend;
  maria: ReviewerProfile;
  lena: ReviewerProfile;
  pekka: ReviewerProfile;
  rubricId: number;
  agents: Record<string, AgentListEntry>;
  interactions: Record<string, InteractionDetail>;
  tags: Record<BuiltinTag, number>;
}

/**
 * The people alone, for tests of what needs no calls, chats or rubrics (sessions, actions, notes) and so
 * runs on either engine: the three profiles as in buildWorld (Lena current) and the demo's three
 * agents in their teams, added through the query layer.
 */
export type Team = Pick<World, 'backend' | 'maria' | 'lena' | 'pekka' | 'agents'>;

export async function buildTeam(backend: Backend): Promise<Team> {
  for (const [agent, team] of [
    ['Anna Berg', 'Customer Care'],
    ['Mikko Laine', 'Customer Care'],
    ['Jonas Keller', 'Technical Support'],
  ] as const)
    await findOrAddAgent(backend.database.query, agent, team);
  const maria = await createProfile(backend, 'Maria Lind', 'qa_supervisor');
  const pekka = await createProfile(backend, 'Pekka Niemi', 'team_lead');
  const lena = await createProfile(backend, 'Lena Fischer', 'team_lead');
  const agentList = await call<AgentListEntry[]>(backend, 'agent.list', {});
  return {
    backend,
    maria,
    lena,
    pekka,
    agents: Object.fromEntries(agentList.map((agent) => [agent.name, agent])),
  };
}

let coachPairs = 0;

/**
 * A Lena and a Pekka of one test's own (names numbered, as profile names are unique), for files whose
 * tests share one backend; created Pekka first, so Lena acts when they are back.
 */
export async function coachesOfTheirOwn(
  backend: Backend,
): Promise<{ lena: ReviewerProfile; pekka: ReviewerProfile }> {
  const n = ++coachPairs;
  const pekka = await createProfile(backend, `Pekka Niemi ${n}`, 'team_lead');
  const lena = await createProfile(backend, `Lena Fischer ${n}`, 'team_lead');
  return { lena, pekka };
}

/** Titles of the demo interactions used here. */
export const ANNA_CALL = 'Double charge on invoice';
export const ANNA_CHAT = 'Returning a faulty router';
export const JONAS_CALL = 'Connection drops every evening';
export const MIKKO_CALL = 'Water damage claim without update';

/**
 * `demo: 'seed'` writes the demo's calls and chats through the query layer (demo-seed.ts) instead of
 * `demo.load`, for tests that run on either engine.
 */
export async function buildWorld(backend: Backend, options: { demo?: 'load' | 'seed' } = {}): Promise<World> {
  if (options.demo === 'seed') await seedDemo(backend.database);
  else await call(backend, 'demo.load');
  const maria = await createProfile(backend, 'Maria Lind', 'qa_supervisor');
  const pekka = await createProfile(backend, 'Pekka Niemi', 'team_lead');
  // Created last, so Lena is the current profile when the tests start.
  const lena = await createProfile(backend, 'Lena Fischer', 'team_lead');
  const rubric = await publishSmallRubric(backend, maria.id);
  const agentList = await call<AgentListEntry[]>(backend, 'agent.list', {});
  const library = await call<{ items: LibraryItem[] }>(backend, 'library.list', { limit: 100 });
  const interactions: Record<string, InteractionDetail> = {};
  for (const item of library.items) {
    interactions[item.title] = await call<InteractionDetail>(backend, 'interaction.get', { id: item.id });
  }
  const tagList = await call<Tag[]>(backend, 'tag.list');
  const tags = Object.fromEntries(
    tagList.filter((tag) => tag.builtin).map((tag) => [tag.builtin, tag.id]),
  ) as Record<BuiltinTag, number>;
  return {
    backend,
    maria,
    lena,
    pekka,
    rubricId: rubric.id,
    agents: Object.fromEntries(agentList.map((agent) => [agent.name, agent])),
    interactions,
    tags,
  };
}

/** Answers to the Billing calls rubric: greeting and polite tone yes/no, product knowledge 0-2. */
export interface BillingAnswers {
  greeting: boolean;
  polite: boolean;
  knowledge: 0 | 1 | 2;
  /** Moments backing the greeting answer up. */
  greetingMomentIds?: number[];
}

const yesNo = (yes: boolean): AnswerValue => ({ kind: yes ? 'yes' : 'no' });

/** Starts, fills and submits an evaluation; returns its id. */
export async function submitEvaluation(
  world: World,
  interactionId: number,
  answers: BillingAnswers,
  options: { reviewerId?: number; rubricId?: number; submit?: boolean } = {},
): Promise<number> {
  const reviewerId = options.reviewerId ?? world.maria.id;
  const evaluation = await callAs<EvaluationDetail>(world.backend, reviewerId, 'evaluation.start', {
    interactionId,
    rubricId: options.rubricId ?? world.rubricId,
  });
  await callAs(world.backend, reviewerId, 'evaluation.saveDraft', {
    id: evaluation.id,
    answers: [
      { itemId: 'greeting', value: yesNo(answers.greeting), momentIds: answers.greetingMomentIds ?? [] },
      {
        itemId: 'polite',
        value: yesNo(answers.polite),
        ...(answers.polite ? {} : { comment: 'Sarcastic remark at 0:40.' }),
      },
      { itemId: 'knowledge', value: { kind: 'scale', value: answers.knowledge } },
    ],
  });
  if (options.submit !== false)
    await callAs(world.backend, reviewerId, 'evaluation.submit', { id: evaluation.id });
  return evaluation.id;
}

/** Pins a moment (at a time, or on a turn) with built-in tags. */
export async function pinMoment(
  world: World,
  interactionId: number,
  where: { startMs?: number; turnSeq?: number },
  tags: BuiltinTag[] = [],
  comment = '',
): Promise<Moment> {
  return call<Moment>(world.backend, 'moment.create', {
    interactionId,
    ...where,
    comment,
    tagIds: tags.map((tag) => world.tags[tag]),
  });
}

/** Makes a profile the current one (no passphrase, or with it). */
export const actAs = (world: Pick<World, 'backend'>, profile: ReviewerProfile, passphrase?: string) =>
  call(world.backend, 'profile.select', { id: profile.id, ...(passphrase ? { passphrase } : {}) });
