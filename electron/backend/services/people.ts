import { sql } from 'kysely';
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
