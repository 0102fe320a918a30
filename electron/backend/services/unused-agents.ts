import type { Db } from '../db/open';

/**
 * Removes agents nothing points at any more (a misspelt name whose calls were all given the right
 * one), and then teams without agents. "Nothing" is read from the schema's foreign keys, so a table
 * added later that refers to agents keeps its agents without this code knowing about it.
 */
export function pruneUnusedAgents(db: Db, agentIds: readonly number[]): void {
  if (agentIds.length === 0) return;
  const teamIds = db
    .prepare(
      'SELECT DISTINCT team_id FROM agents WHERE id IN (SELECT value FROM json_each(?)) AND team_id IS NOT NULL',
    )
    .pluck()
    .all(JSON.stringify(agentIds)) as number[];
  deleteUnreferenced(db, 'agents', agentIds);
  deleteUnreferenced(db, 'teams', teamIds);
}

function deleteUnreferenced(db: Db, table: 'agents' | 'teams', ids: readonly number[]): void {
  if (ids.length === 0) return;
  const unused = referencesTo(db, table)
    .map(
      (ref) =>
        `AND NOT EXISTS (SELECT 1 FROM ${quote(ref.table)} r WHERE r.${quote(ref.column)} = ${table}.id)`,
    )
    .join(' ');
  db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) ${unused}`).run(
    JSON.stringify(ids),
  );
}

function referencesTo(db: Db, target: string): { table: string; column: string }[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return tables.flatMap((table) =>
    (db.pragma(`foreign_key_list(${quote(table)})`) as { table: string; from: string }[])
      .filter((fk) => fk.table === target)
      .map((fk) => ({ table, column: fk.from })),
  );
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
