import type { Backend } from '../../../electron/backend/backend';
import { findOrAddAgent } from '../../../electron/backend/services/people';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { weekDays } from '../../../shared/queue/week';
import { callAs } from '../../support/backend';
import { createProfile, publishSmallRubric } from '../evaluations/fixture';

/**
 * A week of work for the review queue tests, 2026-W45 (2 to 8 November), written through the query
 * layer so it runs on either engine:
 * - Anna Berg (Customer Care): a Billing call of 5 minutes and a chat each weekday; Monday's call is
 *   outbound and rated bad;
 * - Mikko Laine (Customer Care): a Billing call of 2 minutes each weekday;
 * - Jonas Keller (Technical Support): one Internet call on Monday;
 * - one call of Anna's the week after (2026-W46), which the draw due in W46 (sampling W45) must not take.
 * People: Hanna Koch (QA manager), Maria Lind and Olli Virtanen (QA supervisors), Pekka Niemi (team lead).
 */
export interface QueueWorld {
  backend: Backend;
  hanna: ReviewerProfile;
  maria: ReviewerProfile;
  olli: ReviewerProfile;
  pekka: ReviewerProfile;
  rubricId: number;
  agents: Record<'anna' | 'mikko' | 'jonas', number>;
  teams: Record<'care' | 'support', number>;
  /** Interaction id → title, for messages. */
  titles: Map<number, string>;
}

/** The week the sample comes from, and the week its reviews are due (the draw's week). */
export const WEEK = '2026-W45';
export const DUE = '2026-W46';

export async function buildQueueWorld(backend: Backend): Promise<QueueWorld> {
  const q = backend.database.query;
  const agents = {
    anna: await findOrAddAgent(q, 'Anna Berg', 'Customer Care'),
    mikko: await findOrAddAgent(q, 'Mikko Laine', 'Customer Care'),
    jonas: await findOrAddAgent(q, 'Jonas Keller', 'Technical Support'),
  };
  const teamRows = await q.selectFrom('teams').select(['id', 'name']).execute();
  const team = (name: string) => teamRows.find((row) => row.name === name)!.id;
  const days = weekDays(WEEK).slice(0, 5);
  const rows: Parameters<typeof backend.database.insertMany<'interactions'>>[2][number][] = [];
  const add = (
    title: string,
    agentId: number,
    startedAt: string,
    extra: {
      kind?: 'call' | 'chat';
      queue?: string;
      seconds?: number;
      direction?: 'inbound' | 'outbound';
      rating?: 'bad' | 'neutral' | 'good';
    } = {},
  ) =>
    rows.push({
      kind: extra.kind ?? 'call',
      title,
      source: 'test',
      agent_id: agentId,
      started_at: startedAt,
      queue: extra.queue ?? null,
      duration_ms: extra.seconds === undefined ? null : extra.seconds * 1000,
      direction: extra.direction ?? (extra.kind === 'chat' ? null : 'inbound'),
      customer_rating: extra.rating ?? null,
    });
  days.forEach((day, n) => {
    add(`Anna call ${day}`, agents.anna, `${day}T09:0${n}:00Z`, {
      queue: 'Billing',
      seconds: 300,
      ...(n === 0 ? { direction: 'outbound' as const, rating: 'bad' as const } : { rating: 'good' as const }),
    });
    add(`Anna chat ${day}`, agents.anna, `${day}T14:00:00Z`, { kind: 'chat' });
    add(`Mikko call ${day}`, agents.mikko, `${day}T10:00:00Z`, { queue: 'Billing', seconds: 120 });
  });
  add('Jonas call Monday', agents.jonas, `${days[0]}T11:00:00Z`, { queue: 'Internet', seconds: 600 });
  add('Anna call next week', agents.anna, '2026-11-09T09:00:00Z', { queue: 'Billing', seconds: 300 });
  await backend.database.insertMany(q, 'interactions', rows);
  const titles = new Map(
    (await q.selectFrom('interactions').select(['id', 'title']).execute()).map((row) => [row.id, row.title]),
  );
  const pekka = await createProfile(backend, 'Pekka Niemi', 'team_lead');
  const olli = await createProfile(backend, 'Olli Virtanen', 'qa_supervisor');
  const maria = await createProfile(backend, 'Maria Lind', 'qa_supervisor');
  const hanna = await createProfile(backend, 'Hanna Koch', 'qa_manager');
  const rubric = await publishSmallRubric(backend, hanna.id);
  return {
    backend,
    hanna,
    maria,
    olli,
    pekka,
    rubricId: rubric.id,
    agents,
    teams: { care: team('Customer Care'), support: team('Technical Support') },
    titles,
  };
}

/** Starts, fills and submits an evaluation of an interaction as a reviewer; returns its id. */
export async function review(world: QueueWorld, reviewerId: number, interactionId: number, submit = true) {
  const evaluation = await callAs<EvaluationDetail>(world.backend, reviewerId, 'evaluation.start', {
    interactionId,
    rubricId: world.rubricId,
  });
  await callAs(world.backend, reviewerId, 'evaluation.saveDraft', {
    id: evaluation.id,
    answers: [
      { itemId: 'greeting', value: { kind: 'yes' } },
      { itemId: 'polite', value: { kind: 'yes' } },
      { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
    ],
  });
  if (submit) await callAs(world.backend, reviewerId, 'evaluation.submit', { id: evaluation.id });
  return evaluation.id;
}
