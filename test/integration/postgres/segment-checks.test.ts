import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { freshPostgresUrl } from '../../support/engines';

/**
 * segments.interaction_id is checked per statement on PostgreSQL (migration 025) instead of by a foreign
 * key row by row; what the key guaranteed still holds, also between transactions running at once.
 */
let url: string;
let pool: pg.Pool;
beforeAll(async () => {
  url = await freshPostgresUrl();
  await (await openPostgres(url)).close();
  pool = createPool(url, 4);
  await pool.query(`INSERT INTO interactions (id, kind, title, source) VALUES
    (1, 'chat', 'A', 't'), (2, 'chat', 'B', 't'), (3, 'chat', 'C', 't'), (4, 'chat', 'D', 't'),
    (5, 'chat', 'E', 't'), (6, 'chat', 'F', 't'), (7, 'chat', 'G', 't')`);
});
afterAll(async () => pool?.end());

const segmentsOf = async (id: number) =>
  Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM segments WHERE interaction_id = $1', [id]))
      .rows[0]!.n,
  );

/** The error a statement fails with (it must fail). */
async function refusal(statement: Promise<unknown>): Promise<pg.DatabaseError> {
  try {
    await statement;
  } catch (error) {
    return error as pg.DatabaseError;
  }
  throw new Error('The statement was not refused.');
}

async function connected(): Promise<pg.Client & { pid: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return Object.assign(client, { pid: rows[0]!.pid });
}

/** Resolves once the server process `pid` waits for a lock another transaction holds; fails if it never does. */
async function waitingForLock(pid: number): Promise<void> {
  for (let asked = 0; ; asked++) {
    if (asked === 2000) throw new Error(`Server process ${pid} never waited for a lock.`);
    const { rows } = await pool.query<{ waiting: boolean }>(
      `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
      [pid],
    );
    if (rows[0]?.waiting) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("a segment's interaction, checked per statement", () => {
  it('refuses segments of an interaction that does not exist, the whole statement, as the key did', async () => {
    const error = await refusal(
      pool.query(`INSERT INTO segments (interaction_id, seq, speaker, text) VALUES
        (1, 0, 'agent', 'kept out too'), (999, 0, 'agent', 'nobody owns this')`),
    );
    expect(error.code).toBe('23503');
    expect(error.constraint).toBe('segments_interaction_id_fkey');
    expect(error.detail).toBe('Key (interaction_id)=(999) is not present in table "interactions".');
    expect(await segmentsOf(1)).toBe(0);
  });

  it('refuses moving a segment to an interaction that does not exist', async () => {
    await pool.query(
      `INSERT INTO segments (interaction_id, seq, speaker, text) VALUES (2, 0, 'agent', 'hi')`,
    );
    const error = await refusal(
      pool.query('UPDATE segments SET interaction_id = 998 WHERE interaction_id = 2'),
    );
    expect(error.code).toBe('23503');
    await pool.query(`UPDATE segments SET text = 'hello' WHERE interaction_id = 2`);
    expect(await segmentsOf(2)).toBe(1);
  });

  it("deletes an interaction's segments with it, and no other's", async () => {
    await pool.query(`INSERT INTO segments (interaction_id, seq, speaker, text) VALUES
      (3, 0, 'agent', 'a'), (3, 1, 'customer', 'b'), (4, 0, 'agent', 'c')`);
    await pool.query('DELETE FROM interactions WHERE id = 3');
    expect(await segmentsOf(3)).toBe(0);
    expect(await segmentsOf(4)).toBe(1);
  });

  it("keeps an interaction's id while segments name it", async () => {
    const error = await refusal(pool.query('UPDATE interactions SET id = 40 WHERE id = 4'));
    expect(error.code).toBe('23503');
    await pool.query('UPDATE interactions SET id = 60 WHERE id = 6');
    await pool.query('UPDATE interactions SET title = $1 WHERE id = 4', ['D renamed']);
  });

  it('lets no delete running at once leave segments without their interaction', async () => {
    const adding = await connected();
    const deleting = await connected();
    try {
      // Segments added first: the delete waits for them, then takes them along.
      await adding.query('BEGIN');
      await adding.query(
        `INSERT INTO segments (interaction_id, seq, speaker, text) VALUES (5, 0, 'agent', 'x')`,
      );
      const deleted = deleting.query('DELETE FROM interactions WHERE id = 5');
      await waitingForLock(deleting.pid);
      await adding.query('COMMIT');
      await deleted;
      expect(await segmentsOf(5)).toBe(0);

      // The delete first: adding segments to it waits for it, then is refused.
      await deleting.query('BEGIN');
      await deleting.query('DELETE FROM interactions WHERE id = 7');
      const added = refusal(
        adding.query(`INSERT INTO segments (interaction_id, seq, speaker, text) VALUES (7, 0, 'agent', 'y')`),
      );
      await waitingForLock(adding.pid);
      await deleting.query('COMMIT');
      expect((await added).code).toBe('23503');
      expect(await segmentsOf(7)).toBe(0);
    } finally {
      await adding.end();
      await deleting.end();
    }
  });

  it('truncates segments with their interactions', async () => {
    await pool.query('TRUNCATE interactions CASCADE');
    expect(Number((await pool.query('SELECT count(*) AS n FROM segments')).rows[0].n)).toBe(0);
  });
});
