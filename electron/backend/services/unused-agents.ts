import { sql } from 'kysely';
import type { Engine } from '../db/database';
import type { Query } from '../db/schema';

/**
 * Removes agents nothing points at any more (a misspelt name whose calls were all given the right
 * one), and then teams without agents. "Nothing" is read from the schema's foreign keys, so a table
 * added later that refers to agents keeps its agents without this code knowing about it.
 */
export async function removeUnusedAgents(
  q: Query,
  engine: Engine,
  agentIds: readonly number[],
): Promise<void> {
  if (agentIds.length === 0) return;
  const teams = await q
    .selectFrom('agents')
    .select('team_id')
    .distinct()
    .where('id', 'in', agentIds)
    .where('team_id', 'is not', null)
    .execute();
  await deleteUnused(q, engine, 'agents', agentIds);
  await deleteUnused(
    q,
    engine,
    'teams',
    teams.map((row) => row.team_id!),
  );
}

async function deleteUnused(q: Query, engine: Engine, table: 'agents' | 'teams', ids: readonly number[]) {
  if (ids.length === 0) return;
  const unused = (await foreignKeysTo(q, engine, table)).map(
    (ref) =>
      sql`AND NOT EXISTS (SELECT 1 FROM ${sql.table(ref.table)} r WHERE r.${sql.ref(ref.column)} = ${sql.table(table)}.id)`,
  );
  await sql`DELETE FROM ${sql.table(table)} WHERE id IN (${sql.join(ids)}) ${sql.join(unused, sql` `)}`.execute(
    q,
  );
}

/** Every column that refers to `target`, read from the engine's own catalogue. */
async function foreignKeysTo(q: Query, engine: Engine, target: string) {
  type Ref = { table: string; column: string };
  const { rows } =
    engine === 'sqlite'
      ? await sql<Ref>`SELECT m.name AS "table", fk."from" AS "column"
          FROM sqlite_schema m, pragma_foreign_key_list(m.name) fk
          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND fk."table" = ${target}`.execute(q)
      : await sql<Ref>`SELECT cl.relname AS "table", att.attname AS "column"
          FROM pg_constraint c
          JOIN pg_class cl ON cl.oid = c.conrelid
          JOIN pg_attribute att ON att.attrelid = c.conrelid AND att.attnum = ANY (c.conkey)
          WHERE c.contype = 'f' AND c.confrelid = to_regclass(${target})`.execute(q);
  return rows;
}
