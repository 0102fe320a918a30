import type { Backend } from '../../electron/backend/backend';
import type { CoachingSession } from '../../shared/api/methods/coaching';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../shared/api/methods/profiles';
import type { RubricSummary } from '../../shared/api/methods/rubrics';
import type { AnswerValue } from '../../shared/rubric/answers';
import { defaultRubric } from '../../shared/rubric/defaults';
import { withBenchBackend } from './backend';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { percentile, round } from './stats';

const NOTE =
  'Talked through the refund call. Pekka knows the policy but rushes the close when the queue is long; ' +
  'we agreed he finishes the explanation before offering the survey. ';

/**
 * The coaching side:
 * - the agent page (`agent.overview`) for an agent with many submitted evaluations of the default rubric,
 *   which scores every evaluation in the window from its answers, against `evaluation.list` of as many
 *   evaluations (which scores them too) as the baseline in the same run;
 * - a private note (AES-256-GCM under the profile's key) against a shared note of the same text: what
 *   encryption adds to a save; shared_note_save_cpu_us is this process's CPU time per shared note (the
 *   SQLite figure must stay within 10 % of what it was before the query layer);
 * - unlocking a passphrase profile (scrypt N=2^15), which is deliberately slow against guessing.
 * Each on SQLite and on a throwaway PostgreSQL (fsync off, as in the tests), the latter with `pg_`.
 */
export async function benchCoaching(quick: boolean): Promise<Record<string, number>> {
  const cluster = await startPostgresCluster();
  try {
    const figures: Record<string, number> = {};
    for (const engine of ['sqlite', 'postgres'] as const) {
      const databaseUrl = engine === 'postgres' ? await createDatabase(cluster.adminUrl) : undefined;
      const prefix = engine === 'postgres' ? 'pg_' : '';
      for (const [key, value] of Object.entries(await benchOneEngine(quick, databaseUrl)))
        figures[`${prefix}${key}`] = value;
    }
    return figures;
  } finally {
    await cluster.stop();
  }
}

async function benchOneEngine(
  quick: boolean,
  databaseUrl: string | undefined,
): Promise<Record<string, number>> {
  const evaluations = quick ? 60 : 400;
  const rounds = quick ? 20 : 100;
  return withBenchBackend('coaching', databaseUrl, async (backend) => {
    const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
      const reply = await backend.dispatch(method, params);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.value as T;
    };
    const timed = async (samples: number[], method: string, params: unknown) => {
      const started = performance.now();
      await call(method, params);
      samples.push(performance.now() - started);
    };

    const coach = await call<ReviewerProfile>('profile.create', { name: 'Bench Coach', role: 'team_lead' });
    const passphrase = 'bench passphrase 1';
    await call('profile.setPassphrase', { id: coach.id, newPassphrase: passphrase });
    const agentId = await seedAgent(backend, evaluations);
    const rubric = defaultRubric('en');
    const rubricId = (await call<RubricSummary[]>('rubric.list')).find((r) => r.key === rubric.id)!.id;
    const items = rubric.sections.flatMap((section) => section.items);
    const interactionIds = (
      await backend.database.query
        .selectFrom('interactions')
        .select('id')
        .where('agent_id', '=', agentId)
        .orderBy('id')
        .execute()
    ).map((row) => row.id);
    const evaluationIds: number[] = [];
    for (const [n, interactionId] of interactionIds.entries()) {
      const { id } = await call<EvaluationDetail>('evaluation.start', {
        interactionId,
        rubricId,
      });
      // Critical items pass: a failed one needs a comment and scores the whole evaluation 0 %.
      const answers = items.map((item, i) => ({
        itemId: item.id,
        value: item.critical ? answerFor(item, 1) : answerFor(item, n + i),
      }));
      await call('evaluation.saveDraft', { id, answers });
      await call('evaluation.submit', { id });
      evaluationIds.push(id);
    }

    const overview: number[] = [];
    const list: number[] = [];
    for (let n = 0; n < rounds; n++) {
      await timed(overview, 'agent.overview', { agentId, window: 200 });
      await timed(list, 'evaluation.list', { rubricId, state: 'submitted', limit: 200 });
    }

    const session = await call<CoachingSession>('coaching.create', {
      agentId,
      heldOn: '2026-11-20',
      evaluationIds: evaluationIds.slice(-2),
    });
    const privateSaves: number[] = [];
    const sharedSaves: number[] = [];
    let sharedCpuUs = 0;
    for (let n = 0; n < rounds; n++) {
      await timed(privateSaves, 'coaching.noteAdd', { sessionId: session.id, body: NOTE, private: true });
      const cpu = process.cpuUsage();
      await timed(sharedSaves, 'coaching.noteAdd', { sessionId: session.id, body: NOTE, private: false });
      const used = process.cpuUsage(cpu);
      sharedCpuUs += used.user + used.system;
    }
    const notes: number[] = [];
    for (let n = 0; n < 10; n++) await timed(notes, 'coaching.notes', { sessionId: session.id });

    const unlocks: number[] = [];
    for (let n = 0; n < (quick ? 3 : 10); n++) {
      await call('profile.lock');
      await timed(unlocks, 'profile.select', { id: coach.id, passphrase });
    }

    const overviewP50 = percentile(overview, 50);
    const listP50 = percentile(list, 50);
    return {
      agent_overview_evaluations: Math.min(evaluations, 200),
      agent_overview_ms_p50: round(overviewP50, 2),
      agent_overview_ms_p95: round(percentile(overview, 95), 2),
      evaluation_list_200_ms_p50: round(listP50, 2),
      agent_overview_vs_list: round(overviewP50 / listP50, 2),
      private_note_save_ms_p50: round(percentile(privateSaves, 50), 2),
      shared_note_save_ms_p50: round(percentile(sharedSaves, 50), 2),
      shared_note_save_cpu_us: Math.round(sharedCpuUs / rounds),
      private_vs_shared_save: round(percentile(privateSaves, 50) / percentile(sharedSaves, 50), 2),
      session_notes_read_ms_p50: round(percentile(notes, 50), 2),
      session_notes_read_count: rounds * 2,
      profile_unlock_ms_p50: round(percentile(unlocks, 50), 1),
    };
  });
}

/** Answers spread so items differ in how often they are missed, as real agents' do. */
function answerFor(item: ReturnType<typeof defaultRubric>['sections'][number]['items'][number], n: number) {
  const value: AnswerValue =
    item.type === 'yesNo'
      ? { kind: n % 5 === 0 ? 'no' : 'yes' }
      : item.type === 'scale'
        ? { kind: 'scale', value: n % (item.max + 1) }
        : { kind: 'choice', optionId: item.options[n % 2]!.id };
  return value;
}

async function seedAgent(backend: Backend, calls: number): Promise<number> {
  return backend.database.transaction(async (trx) => {
    const team = await trx
      .insertInto('teams')
      .values({ name: 'Bench team' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agent = await trx
      .insertInto('agents')
      .values({ name: 'Bench Agent', team_id: team.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await backend.database.insertMany(
      trx,
      'interactions',
      Array.from({ length: calls }, (_, n) => ({
        kind: 'call' as const,
        title: `Bench call ${n + 1}`,
        source: 'bench',
        agent_id: agent.id,
        started_at: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
      })),
    );
    return agent.id;
  });
}
