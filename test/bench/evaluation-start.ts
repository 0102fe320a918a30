import pg from 'pg';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import type { RubricSummary } from '../../shared/api/methods/rubrics';
import { defaultRubric } from '../../shared/rubric/defaults';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { withBenchBackend } from './backend';
import { reviewerDispatch } from './evaluations';

/**
 * Starting an evaluation on PostgreSQL, as a reviewer opening the form on a call: what one
 * `evaluation.start` costs in round trips to the server (each statement, BEGIN and COMMIT counted, as
 * the pool's clients send them), this process's CPU and the server's CPU (its processes' /proc times),
 * per call. Round trips are what a team server's latency adds up from once the database is a network
 * hop away; the CPU figures are what a busy machine changes least. Also the second start of the same
 * call and rubric, which gives the reviewer's open draft back.
 */
export async function benchEvaluationStart(quick: boolean): Promise<Record<string, number>> {
  const calls = quick ? 200 : 2_000;
  const cluster = await startPostgresCluster();
  try {
    const url = await createDatabase(cluster.adminUrl);
    return await withBenchBackend('evaluation-start', url, async (backend) => {
      const dispatch = await reviewerDispatch(backend);
      const call = async <T>(method: string, params: unknown): Promise<T> => {
        const reply = await dispatch(method, params);
        if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
        return reply.value as T;
      };
      const rubricKey = defaultRubric('en').id;
      const rubricId = (await call<RubricSummary[]>('rubric.list', {})).find((r) => r.key === rubricKey)!.id;
      const ids = (
        await backend.database.query
          .insertInto('interactions')
          .values(
            Array.from({ length: calls }, (_, n) => ({
              kind: 'call' as const,
              title: `Call ${n}`,
              source: 'bench',
            })),
          )
          .returning('id')
          .execute()
      ).map((row) => row.id);

      let sent = 0;
      const query = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        sent++;
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      try {
        const measure = async (interactions: readonly number[]) => {
          const before = { sent, cpu: process.cpuUsage(), server: cluster.cpuSeconds() };
          for (const interactionId of interactions) {
            const started = await call<EvaluationDetail>('evaluation.start', { interactionId, rubricId });
            if (started.state !== 'draft') throw new Error('evaluation.start did not give a draft');
          }
          const cpu = process.cpuUsage(before.cpu);
          const server = cluster.cpuSeconds();
          return {
            roundTrips: (sent - before.sent) / interactions.length,
            cpuUs: (cpu.user + cpu.system) / interactions.length,
            serverCpuUs:
              server === null || before.server === null
                ? -1
                : ((server - before.server) * 1e6) / interactions.length,
          };
        };
        // The first tenth warms up (the JIT, each connection's named statements).
        const warm = Math.floor(calls / 10);
        await measure(ids.slice(0, warm));
        const fresh = await measure(ids.slice(warm));
        const again = await measure(ids.slice(warm));
        return {
          pg_evaluation_start_round_trips: Math.round(fresh.roundTrips * 10) / 10,
          pg_evaluation_start_cpu_us: Math.round(fresh.cpuUs),
          pg_evaluation_start_server_cpu_us: Math.round(fresh.serverCpuUs),
          pg_evaluation_start_again_round_trips: Math.round(again.roundTrips * 10) / 10,
          pg_evaluation_start_again_cpu_us: Math.round(again.cpuUs),
          pg_evaluation_start_again_server_cpu_us: Math.round(again.serverCpuUs),
          pg_evaluation_start_calls: calls - warm,
        };
      } finally {
        pg.Client.prototype.query = query;
      }
    });
  } finally {
    await cluster.stop();
  }
}
