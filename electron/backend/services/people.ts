import { sql } from 'kysely';
import type { Db } from '../db/open';
import type { Query } from '../db/schema';

const lowered = (value: string) => sql<string>`lower(${value})`;

/**
 * Finds or creates the team and the agent (names match case-insensitively: NOCASE columns on SQLite,
 * unique on lower(name) on PostgreSQL) and returns the agent's id. Safe when two servers add the same
 * name at once: the loser's insert does nothing and it reads the winner's row.
 */
export async function findOrAddAgent(q: Query, agentName: string, teamName: string | null): Promise<number> {
  let teamId: number | null = null;
  if (teamName) {
    await q
      .insertInto('teams')
      .values({ name: teamName })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    const team = await q
      .selectFrom('teams')
      .select('id')
      .where(sql`lower(name)`, '=', lowered(teamName))
      .executeTakeFirstOrThrow();
    teamId = team.id;
  }
  const find = () =>
    q
      .selectFrom('agents')
      .select('id')
      .where(sql`lower(name)`, '=', lowered(agentName))
      .where('team_id', teamId === null ? 'is' : '=', teamId)
      .orderBy('id')
      .executeTakeFirst();
  const existing = await find();
  if (existing) return existing.id;
  const added = await q
    .insertInto('agents')
    .values({ name: agentName, team_id: teamId })
    .onConflict((conflict) => conflict.doNothing())
    .returning('id')
    .executeTakeFirst();
  return added?.id ?? (await find())!.id;
}

/** Sync twin for not-yet-converted callers; remove when the demo loader, mystery import and the review bench are on the query layer. */
export function upsertAgent(db: Db, agentName: string, teamName: string | null): number {
  let teamId: number | null = null;
  if (teamName) {
    db.prepare('INSERT INTO teams (name) VALUES (?) ON CONFLICT(name) DO NOTHING').run(teamName);
    teamId = (db.prepare('SELECT id FROM teams WHERE name = ?').get(teamName) as { id: number }).id;
  }
  const existing = db
    .prepare('SELECT id FROM agents WHERE name = ? AND team_id IS ?')
    .get(agentName, teamId) as { id: number } | undefined;
  if (existing) return existing.id;
  return Number(
    db.prepare('INSERT INTO agents (name, team_id) VALUES (?, ?)').run(agentName, teamId).lastInsertRowid,
  );
}
