import type { Db } from '../db/open';

/** Finds or creates the team and the agent (names match case-insensitively) and returns the agent's id. */
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
