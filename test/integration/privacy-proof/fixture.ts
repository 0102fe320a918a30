import { sql } from 'kysely';
import type { Backend } from '../../../electron/backend/backend';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import { callAs } from '../../support/backend';
import { publishSmallRubric } from '../evaluations/fixture';

/** A submitted evaluation of `interactionId` on a small published rubric, by `reviewerId`. */
export async function submittedEvaluation(
  backend: Backend,
  reviewerId: number,
  interactionId: number,
  overallComment: string,
): Promise<{ rubricId: number; evaluationId: number }> {
  const rubric = await publishSmallRubric(backend, reviewerId);
  const evaluation = await callAs<EvaluationDetail>(backend, reviewerId, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
  });
  await callAs(backend, reviewerId, 'evaluation.saveDraft', {
    id: evaluation.id,
    overallComment,
    answers: [
      { itemId: 'greeting', value: { kind: 'no' } },
      { itemId: 'polite', value: { kind: 'yes' } },
      { itemId: 'knowledge', value: { kind: 'scale', value: 1 } },
    ],
  });
  await callAs(backend, reviewerId, 'evaluation.submit', { id: evaluation.id });
  return { rubricId: rubric.id, evaluationId: evaluation.id };
}

/** Every text and binary cell of every table, as one string per table (binary as UTF-8 and as hex). */
export async function everyCell(backend: Backend): Promise<Map<string, string>> {
  const q = backend.database.query;
  const columns =
    backend.database.engine === 'postgres'
      ? (
          await sql<{ table: string; column: string }>`
            SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
            WHERE table_schema = current_schema()
              AND data_type IN ('text', 'bytea', 'character varying', 'json', 'jsonb', 'tsvector')
            ORDER BY table_name, ordinal_position`.execute(q)
        ).rows
      : (
          await sql<{ table: string; column: string }>`
            SELECT m.name AS "table", c.name AS "column" FROM sqlite_schema m, pragma_table_info(m.name) c
            WHERE m.type = 'table' ORDER BY m.name, c.cid`.execute(q)
        ).rows;
  const byTable = new Map<string, string[]>();
  for (const { table, column } of columns) byTable.set(table, [...(byTable.get(table) ?? []), column]);
  const cells = new Map<string, string>();
  for (const [table, names] of byTable) {
    const selected = names.map((name) =>
      backend.database.engine === 'postgres' ? sql`${sql.ref(name)}::text` : sql.ref(name),
    );
    const { rows } = await sql<
      Record<string, unknown>
    >`SELECT ${sql.join(selected)} FROM ${sql.table(table)}`.execute(q);
    const text = rows
      .flatMap((row) => Object.values(row))
      .map((cell) =>
        Buffer.isBuffer(cell) ? `${cell.toString('utf8')} ${cell.toString('hex')}` : String(cell ?? ''),
      )
      .join('\n');
    cells.set(table, text);
  }
  return cells;
}
