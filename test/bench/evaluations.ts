import type { Backend } from '../../electron/backend/backend';
import type { Dispatch } from '../../electron/backend/dispatch';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import type { RubricSummary } from '../../shared/api/methods/rubrics';
import type { AnswerValue } from '../../shared/rubric/answers';
import { defaultRubric } from '../../shared/rubric/defaults';
import { withBenchBackend } from './backend';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { percentile, round } from './stats';

const COMMENT =
  'Agent greeted the customer by name, listened without interrupting and explained the refund clearly. ' +
  'Could have offered the credit on the next bill as a second option; closing was warm. ';

/**
 * The evaluation form's autosave as the reviewer types: the draft-save method through the dispatch
 * (payload validation, the transaction, the commit: the fsync of WAL + synchronous=FULL on SQLite, the
 * result check), one save per character of a growing comment, with an answer changed every few
 * characters. The target is p99 ≤ 5 ms, so a save never lags behind typing. autosave_cpu_us is this
 * process's CPU time per save (what a busy machine changes least; the SQLite figure must stay within 10 %
 * of what it was before the query layer). On both engines side by
 * side, PostgreSQL's figures with `pg_` (a throwaway local cluster, fsync off as in the tests: the
 * layer's and the server's cost, not a disk's).
 */
export async function benchAutosave(quick: boolean): Promise<Record<string, number>> {
  const saves = quick ? 400 : 4_000;
  const figures: Record<string, number> = {};
  const record = (prefix: string, { samples, cpuUs }: { samples: number[]; cpuUs: number }) => {
    figures[`${prefix}autosave_ms_p50`] = round(percentile(samples, 50), 2);
    figures[`${prefix}autosave_ms_p99`] = round(percentile(samples, 99), 2);
    figures[`${prefix}autosave_cpu_us`] = Math.round(cpuUs);
  };
  // SQLite first, with no PostgreSQL running beside it to compete for the disk's syncs.
  record('', await autosaveOn(undefined, saves));
  const cluster = await startPostgresCluster();
  try {
    record('pg_', await autosaveOn(await createDatabase(cluster.adminUrl), saves));
  } finally {
    await cluster.stop();
  }
  return { ...figures, autosave_saves: saves };
}

async function autosaveOn(
  databaseUrl: string | undefined,
  saves: number,
): Promise<{ samples: number[]; cpuUs: number }> {
  return withBenchBackend('autosave', databaseUrl, async (backend) => {
    const dispatch = await reviewerDispatch(backend);
    const call = async <T>(method: string, params: unknown): Promise<T> => {
      const reply = await dispatch(method, params);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.value as T;
    };
    const { id: interactionId } = await backend.database.query
      .insertInto('interactions')
      .values({ kind: 'call', title: 'Bench call', source: 'bench' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rubric = defaultRubric('en');
    const rubricId = (await call<RubricSummary[]>('rubric.list', {})).find((r) => r.key === rubric.id)!.id;
    const { id } = await call<EvaluationDetail>('evaluation.start', { interactionId, rubricId });
    const items = rubric.sections.flatMap((section) => section.items);

    const samples: number[] = [];
    // The first tenth warms up (the JIT, the statement cache) and counts for the times, not the CPU.
    let cpu = process.cpuUsage();
    for (let n = 0; n < saves; n++) {
      if (n === Math.floor(saves / 10)) cpu = process.cpuUsage();
      // 200 keystrokes per item's comment, then on to the next item.
      const item = items[Math.floor(n / 200) % items.length]!;
      let answers: unknown[];
      if (n % 8 === 7) {
        const value: AnswerValue =
          item.type === 'yesNo'
            ? { kind: n % 16 === 7 ? 'yes' : 'no' }
            : item.type === 'scale'
              ? { kind: 'scale', value: n % (item.max + 1) }
              : { kind: 'choice', optionId: item.options[n % item.options.length]!.id };
        answers = [{ itemId: item.id, value }];
      } else {
        answers = [{ itemId: item.id, comment: COMMENT.slice(0, (n % 200) + 1) }];
      }
      const started = performance.now();
      await call('evaluation.saveDraft', { id, answers });
      samples.push(performance.now() - started);
    }
    const used = process.cpuUsage(cpu);
    return { samples, cpuUs: (used.user + used.system) / (saves - Math.floor(saves / 10)) };
  });
}

/** The backend's own dispatch, with a new reviewer as the current profile (as in the app). */
export async function reviewerDispatch(backend: Backend): Promise<Dispatch> {
  const reply = await backend.dispatch('profile.create', { name: 'Bench Reviewer', role: 'qa_supervisor' });
  if (!reply.ok) throw new Error(`profile.create: ${reply.error.message}`);
  return backend.dispatch;
}
