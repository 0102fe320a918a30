import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { findPostgresBinaries } from '../../support/postgres';
import { buildTeam, type Team } from '../coaching/fixture';
import { everyCell } from './fixture';

/**
 * A private coaching note leaves no readable trace in the database, on either engine: every text and
 * binary cell of every table is read (as a dump would), and on PostgreSQL pg_dump's own output too. A
 * shared note written beside it is found the same way, so the scan is shown to see what is there.
 */

const SECRET = 'Quokka-7731 told me about the custody hearing';
const SHARED = 'Zebrafinch-2209 wants the evening shift';

let backend: Backend;
let cleanup: () => Promise<void>;
let team: Team;
let privateNote: CoachingNote;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  team = await buildTeam(backend);
  await call(backend, 'profile.setPassphrase', { id: team.lena.id, newPassphrase: 'lena keeps her notes' });
  const session = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: team.agents['Anna Berg']!.id,
    heldOn: '2026-11-09',
  });
  privateNote = await call<CoachingNote>(backend, 'coaching.noteAdd', {
    sessionId: session.id,
    body: SECRET,
    private: true,
  });
  // Changed once, so an old version of the text would be somewhere to find too.
  privateNote = await call<CoachingNote>(backend, 'coaching.noteUpdate', {
    id: privateNote.id,
    body: `${SECRET}, again`,
  });
  await call(backend, 'coaching.noteAdd', { sessionId: session.id, body: SHARED, private: false });
});
afterAll(() => cleanup());

/** The words of the note as they could appear: whole, in parts, in any letter case. */
const traces = (text: string) => [text, ...text.split(/\W+/).filter((word) => word.length >= 6)];
const holds = (haystack: string, text: string) =>
  traces(text).some((word) => haystack.toLowerCase().includes(word.toLowerCase()));

describeEachEngine('a private note in the database', (engine) => {
  it('is ciphertext in its row, and opens for its author', async () => {
    const row = await backend.database.query
      .selectFrom('coaching_notes')
      .select(['body', 'nonce', 'ciphertext'])
      .where('id', '=', privateNote.id)
      .executeTakeFirstOrThrow();
    expect(row.body).toBeNull();
    expect(row.nonce).toHaveLength(12);
    expect(await call(backend, 'coaching.noteGet', { id: privateNote.id })).toMatchObject({
      body: `${SECRET}, again`,
    });
  });

  it('is in no text or binary cell of any table, where the shared note is found', async () => {
    const cells = await everyCell(backend);
    expect(cells.size).toBeGreaterThan(20);
    expect(
      [...cells].filter(([, text]) => holds(text, SHARED)).map(([table]) => table),
      'positive control',
    ).toEqual(['coaching_notes']);
    const secretHex = Buffer.from('Quokka-7731').toString('hex');
    for (const [table, text] of cells) {
      expect(holds(text, SECRET), table).toBe(false);
      expect(text.includes(secretHex), `${table} (as hex)`).toBe(false);
    }
  });

  it.runIf(engine === 'postgres')('is not in what pg_dump writes out', async () => {
    const url = await databaseUrlOf(backend);
    const { dir } = await findPostgresBinaries();
    const dump = spawnSync(join(dir, 'pg_dump'), ['--no-owner', '--data-only', url], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump.status, dump.stderr).toBe(0);
    expect(holds(dump.stdout, SHARED), 'positive control').toBe(true);
    expect(holds(dump.stdout, SECRET)).toBe(false);
    expect(dump.stdout.includes(Buffer.from('Quokka-7731').toString('hex'))).toBe(false);
  });
});

/** The connection URL of the test's own PostgreSQL database, as the server sees it. */
async function databaseUrlOf(b: Backend): Promise<string> {
  const { rows } = await sql<{
    db: string;
    port: number;
    user: string;
  }>`SELECT current_database() AS db, current_setting('port')::int AS port, current_user AS "user"`.execute(
    b.database.query,
  );
  const { db, port, user } = rows[0]!;
  return `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${db}`;
}
