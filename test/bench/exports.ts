import type { Backend } from '../../electron/backend/backend';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import type { RubricSummary } from '../../shared/api/methods/rubrics';
import type { AnswerValue } from '../../shared/rubric/answers';
import { defaultRubric } from '../../shared/rubric/defaults';
import type { RubricItem } from '../../shared/rubric/schema';
import { withBenchBackend } from './backend';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { reviewerDispatch } from './evaluations';
import { median, round } from './stats';

/**
 * The library's "Export evaluations" on the default rubric's evaluations, as CSV and as XLSX, against
 * the per-rubric CSV export of the very same evaluations (Rubrics page) as the baseline in the same run:
 * what selecting by the library's filter costs, and what writing a workbook costs over text. On both
 * engines, PostgreSQL's figures with `pg_`.
 */
export async function benchExports(quick: boolean): Promise<Record<string, number>> {
  const evaluations = quick ? 200 : 2000;
  const rounds = quick ? 3 : 5;
  // SQLite first, with no PostgreSQL running beside it.
  const sqlite = await exportsOn(undefined, evaluations, rounds);
  const cluster = await startPostgresCluster();
  try {
    const postgres = await exportsOn(await createDatabase(cluster.adminUrl), evaluations, rounds);
    const timings = ['export_rubric_csv_ms', 'export_library_csv_ms', 'export_library_xlsx_ms'];
    return { ...sqlite, ...Object.fromEntries(timings.map((name) => [`pg_${name}`, postgres[name]!])) };
  } finally {
    await cluster.stop();
  }
}

async function exportsOn(
  databaseUrl: string | undefined,
  evaluations: number,
  rounds: number,
): Promise<Record<string, number>> {
  return withBenchBackend('exports', databaseUrl, async (backend) => {
    const dispatch = await reviewerDispatch(backend);
    const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
      const reply = await dispatch(method, params);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.value as T;
    };
    const rubric = defaultRubric('en');
    const rubricId = (await call<RubricSummary[]>('rubric.list')).find((r) => r.key === rubric.id)!.id;
    const items = rubric.sections.flatMap((section) => section.items);
    for (const [n, interactionId] of (await seedCalls(backend, evaluations)).entries()) {
      const { id } = await call<EvaluationDetail>('evaluation.start', {
        interactionId,
        rubricId,
      });
      const answers = items.map((item, i) => ({ itemId: item.id, value: answerFor(item, n + i) }));
      await call('evaluation.saveDraft', { id, answers });
      await call('evaluation.submit', { id });
    }

    const time = async (method: string, params: unknown) => {
      const samples: number[] = [];
      let size = 0;
      for (let n = 0; n < rounds; n++) {
        const started = performance.now();
        const result = await call<{ rows: number; csv?: string; content?: string }>(method, params);
        samples.push(performance.now() - started);
        if (result.rows !== evaluations) throw new Error(`${method} wrote ${result.rows} rows`);
        size = (result.csv ?? result.content ?? '').length;
      }
      return { ms: median(samples), size };
    };
    const rubricCsv = await time('evaluation.exportCsv', { rubricId });
    const libraryCsv = await time('evaluation.exportLibrary', { format: 'csv', filters: { reviewed: true } });
    const libraryXlsx = await time('evaluation.exportLibrary', {
      format: 'xlsx',
      filters: { reviewed: true },
    });
    return {
      export_evaluations: evaluations,
      export_rubric_csv_ms: round(rubricCsv.ms),
      export_library_csv_ms: round(libraryCsv.ms),
      export_library_csv_vs_rubric_csv: round(libraryCsv.ms / rubricCsv.ms, 2),
      export_library_xlsx_ms: round(libraryXlsx.ms),
      export_xlsx_vs_csv: round(libraryXlsx.ms / libraryCsv.ms, 2),
      // Base64 as it crosses the API; the file is three quarters of it.
      export_xlsx_kb: round((libraryXlsx.size * 3) / 4 / 1024),
      export_csv_kb: round(libraryCsv.size / 1024),
    };
  });
}

/** Answers spread so scores differ: some pass, most fall below target; critical items always pass. */
function answerFor(item: RubricItem, n: number): AnswerValue {
  if (item.type === 'yesNo') return { kind: item.critical || n % 4 !== 0 ? 'yes' : 'no' };
  if (item.type === 'scale') return { kind: 'scale', value: n % (item.max + 1) };
  return { kind: 'choice', optionId: item.options[n % 2]!.id };
}

async function seedCalls(backend: Backend, calls: number): Promise<number[]> {
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
    const ids: number[] = [];
    for (let n = 0; n < calls; n++) {
      const { id } = await trx
        .insertInto('interactions')
        .values({
          kind: 'call',
          title: `Bench call ${n + 1}`,
          source: 'bench',
          agent_id: agent.id,
          started_at: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(id);
    }
    return ids;
  });
}
