import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { TeamServer } from '../../../electron/backend/host/team-server';
import { readWrappedKey } from '../../../electron/backend/privacy/key-store';
import { unwrapWithPassword } from '../../../electron/backend/privacy/team-note-key';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import { freshPostgresUrl } from '../../support/engines';
import { containsText, distinctivePhrase, filesUnder } from '../../support/leaks';
import { findPostgresBinaries } from '../../support/postgres';
import { addAccount, addTeamAgent } from '../accounts/team-fixture';
import { everyCell } from '../privacy-proof/fixture';
import { call, cookieFrom, rendererFolder, teamProcess, type Answer } from './team-host-fixture';

/**
 * Private coaching notes on a team server (issue 14, point 4), over HTTP with two server processes on
 * one PostgreSQL. The author's note key is wrapped by her password in profile_keys and, while she is
 * logged in, by her cookie's token in team_sessions.note_key: she reads her note through either
 * process; another team lead, a QA manager and an administrator never do; a dump, the database's files
 * after a CHECKPOINT and the servers' folders hold neither the text nor the key; logging out deletes the
 * session's copy; a password change keeps the note readable; an administrator's reset cannot open it.
 */

const PW = 'lena keeps her notes close';
const OTHERS_PW = 'a good long password';
const secretWord = distinctivePhrase('ottoline');
const editedWord = distinctivePhrase('marzipan');
const sharedWord = distinctivePhrase('heliotrope');

const cleanups: (() => Promise<void> | void)[] = [];
let a: { backend: Backend; server: TeamServer };
let b: { backend: Backend; server: TeamServer };
let lenaId: number;
let lena: string;
let session: CoachingSession;
let privateNote: CoachingNote;
let sharedNote: CoachingNote;

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const reply = <T>(answer: Answer) => answer.json<Reply<T>>();

/** The value of an API call as `cookie`, which must succeed. */
async function ok<T>(server: TeamServer, cookie: string, method: string, payload: unknown = {}): Promise<T> {
  const answer = reply<T>(await call(server, method, payload, { cookie }));
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

/** The refusal of an API call as `cookie`. */
async function refused(server: TeamServer, cookie: string, method: string, payload: unknown = {}) {
  const answer = reply<unknown>(await call(server, method, payload, { cookie }));
  if (answer.ok) throw new Error(`${method} was expected to be refused: ${JSON.stringify(answer.value)}`);
  return answer.error;
}

async function login(server: TeamServer, username: string, password: string): Promise<string> {
  const answer = await call(server, 'session.login', { username, password });
  expect(answer.status, answer.text()).toBe(200);
  return cookieFrom(answer);
}

const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
const sessionRows = () =>
  a.backend.database.query.selectFrom('team_sessions').select(['profile_id', 'note_key']).execute();

beforeAll(async () => {
  const url = await freshPostgresUrl();
  const renderer = rendererFolder();
  cleanups.push(renderer.cleanup);
  for (const which of ['a', 'b'] as const) {
    const started = await teamProcess(url, renderer.dir);
    cleanups.push(started.stop);
    if (which === 'a') a = started;
    else b = started;
  }
  const q = a.backend.database.query;
  const { teamId: sales, agentId: anna } = await addTeamAgent(q, 'Sales', 'Anna Berg');
  lenaId = (await addAccount(a.backend, 'lena', 'team_lead', PW, { name: 'Lena Lead', teams: [sales] }))
    .profileId;
  await addAccount(a.backend, 'otto', 'team_lead', OTHERS_PW, { name: 'Otto Other', teams: [sales] });
  await addAccount(a.backend, 'quinn', 'qa_manager', OTHERS_PW, { name: 'Quinn Manager' });
  await addAccount(a.backend, 'ada', 'admin', OTHERS_PW, { name: 'Ada Admin' });

  lena = await login(a.server, 'lena', PW);
  session = await ok(a.server, lena, 'coaching.create', { agentId: anna, heldOn: '2026-11-20' });
  privateNote = await ok(a.server, lena, 'coaching.noteAdd', {
    sessionId: session.id,
    body: `Anna said ${secretWord}: family trouble, keep it between us.`,
    private: true,
  });
  // Edited on the other process, so an old version of the text would be somewhere to find too.
  privateNote = await ok(b.server, lena, 'coaching.noteUpdate', {
    id: privateNote.id,
    body: `Anna said ${editedWord}: family trouble, keep it between us.`,
  });
  sharedNote = await ok(a.server, lena, 'coaching.noteAdd', {
    sessionId: session.id,
    body: `Agreed in the meeting: ${sharedWord}.`,
    private: false,
  });
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a private note on a team server', () => {
  it('is read back by its author through either server process, in the list and alone', async () => {
    for (const server of [a.server, b.server]) {
      const notes = await ok<CoachingNote[]>(server, lena, 'coaching.notes', { sessionId: session.id });
      expect(notes.map((note) => [note.id, note.private])).toEqual([
        [privateNote.id, true],
        [sharedNote.id, false],
      ]);
      expect(notes[0]!.body).toContain(editedWord);
      const alone = await ok<CoachingNote>(server, lena, 'coaching.noteGet', { id: privateNote.id });
      expect(alone.body).toContain(editedWord);
    }
    expect(privateNote.body).toContain(editedWord);
  });

  it('is kept unlocked only as the session row’s wrapped copy, while she is logged in', async () => {
    const rows = await sessionRows();
    expect(rows.map((row) => [row.profile_id, row.note_key?.length])).toEqual([[lenaId, 12 + 32 + 16]]);
  });

  it('is not found by search, for its author either', async () => {
    for (const word of [secretWord, editedWord]) {
      const page = await ok<{ items: unknown[] }>(a.server, lena, 'library.list', {
        filters: { text: word },
      });
      expect(page.items).toEqual([]);
    }
  });

  for (const [username, role] of [
    ['otto', 'another team lead of her team'],
    ['quinn', 'a QA manager'],
    ['ada', 'an administrator'],
  ] as const) {
    it(`is invisible to ${role}, who sees the session and its shared note, and refused on every note method`, async () => {
      const cookie = await login(b.server, username, OTHERS_PW);
      const notes = await ok<CoachingNote[]>(b.server, cookie, 'coaching.notes', { sessionId: session.id });
      expect(notes.map((note) => note.id)).toEqual([sharedNote.id]);
      for (const [method, payload] of [
        ['coaching.noteGet', { id: privateNote.id }],
        ['coaching.noteUpdate', { id: privateNote.id, body: 'overwritten by someone else' }],
        ['coaching.noteDelete', { id: privateNote.id }],
      ] as const) {
        const error = await refused(b.server, cookie, method, payload);
        expect(error.code, method).toBe('not_allowed');
        expect(JSON.stringify(error)).not.toContain(editedWord);
      }
      const again = await ok<CoachingNote>(a.server, lena, 'coaching.noteGet', { id: privateNote.id });
      expect(again.body).toContain(editedWord);
      await ok(b.server, cookie, 'session.logout');
    });
  }

  it('cannot be opened with the token hash a dump holds, presented as a cookie', async () => {
    const { token_hash } = await a.backend.database.query
      .selectFrom('team_sessions')
      .select('token_hash')
      .where('profile_id', '=', lenaId)
      .executeTakeFirstOrThrow();
    const error = await refused(a.server, `earmark_session=${token_hash}`, 'coaching.noteGet', {
      id: privateNote.id,
    });
    expect(error.message).toMatch(/^Log in again/);
  });
});

describe('what a database administrator or a dump sees, while she is logged in', () => {
  /** Her note key itself, opened as only someone with her password can, to look for its bytes. */
  let noteKey: Buffer;
  beforeAll(async () => {
    const wrapped = await readWrappedKey(a.backend.database.query, lenaId, 'Lena Lead');
    noteKey = await unwrapWithPassword(wrapped!, PW, lenaId, 'Lena Lead');
  });
  const keyForms = () => [noteKey.toString('hex'), noteKey.toString('base64'), noteKey.toString('base64url')];
  const secrets = [secretWord, editedWord];

  it('no text or binary cell of any table holds the text, the key or the cookie token', async () => {
    const cells = await everyCell(a.backend);
    expect(cells.size).toBeGreaterThan(20);
    expect(
      [...cells].filter(([, text]) => text.includes(sharedWord)).map(([table]) => table),
      'positive control',
    ).toEqual(['coaching_notes']);
    for (const [table, text] of cells) {
      for (const word of secrets) {
        expect(text.includes(word), `${word} in ${table}`).toBe(false);
        expect(text.includes(Buffer.from(word).toString('hex')), `${word} in ${table} (hex)`).toBe(false);
      }
      for (const form of keyForms()) expect(text.includes(form), `the key in ${table}`).toBe(false);
      expect(text.includes(tokenOf(lena)), `the cookie token in ${table}`).toBe(false);
    }
  });

  it('pg_dump writes out neither the text nor the key', async () => {
    const { dir } = await findPostgresBinaries();
    const dump = spawnSync(join(dir, 'pg_dump'), ['--no-owner', await databaseUrl()], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stdout.includes(sharedWord), 'positive control').toBe(true);
    for (const word of secrets) expect(dump.stdout.includes(word), word).toBe(false);
    for (const form of keyForms()) expect(dump.stdout.includes(form)).toBe(false);
    expect(dump.stdout.includes(tokenOf(lena))).toBe(false);
  });

  it("the database's files after a CHECKPOINT and the servers' folders hold neither", async () => {
    await sql`CHECKPOINT`.execute(a.backend.database.query);
    const dataDirectory = await pgOne<string>(sql`SELECT current_setting('data_directory') AS value`);
    const oid = await pgOne<string>(
      sql`SELECT oid::text AS value FROM pg_database WHERE datname = current_database()`,
    );
    const tables = filesUnder(join(dataDirectory, 'base', oid));
    const folders = [...filesUnder(a.backend.dataDir), ...filesUnder(b.backend.dataDir)];
    const holding = (needle: string | Buffer, files: string[]) =>
      files.filter((file) => {
        const bytes = readFileSync(file);
        return typeof needle === 'string' ? containsText(bytes, needle) : bytes.includes(needle);
      });
    expect(holding(sharedWord, tables).length, 'positive control').toBeGreaterThan(0);
    for (const files of [tables, folders]) {
      for (const word of secrets) expect(holding(word, files), word).toEqual([]);
      expect(holding(noteKey, files), 'the key').toEqual([]);
      for (const form of keyForms()) expect(holding(form, files), 'the key').toEqual([]);
    }
  });
});

describe('her session ending and her password changing', () => {
  it('logging out deletes the session row and its key; the old cookie reads nothing; a new login does', async () => {
    await ok(b.server, lena, 'session.logout');
    expect(await sessionRows()).toEqual([]);
    const error = await refused(a.server, lena, 'coaching.noteGet', { id: privateNote.id });
    expect(error.message).toMatch(/^Log in again/);
    lena = await login(b.server, 'lena', PW);
    const note = await ok<CoachingNote>(a.server, lena, 'coaching.noteGet', { id: privateNote.id });
    expect(note.body).toContain(editedWord);
  });

  it('a changed password keeps it readable, with the new password only', async () => {
    const next = 'lena has a brand new password';
    const answer = await call(a.server, 'session.changePassword', { current: PW, next }, { cookie: lena });
    expect(answer.status, answer.text()).toBe(200);
    const renewed = cookieFrom(answer);
    expect((await refused(b.server, lena, 'coaching.noteGet', { id: privateNote.id })).message).toMatch(
      /^Log in again/,
    );
    expect(
      (await ok<CoachingNote>(b.server, renewed, 'coaching.noteGet', { id: privateNote.id })).body,
    ).toContain(editedWord);
    expect((await call(a.server, 'session.login', { username: 'lena', password: PW })).status).not.toBe(200);
    lena = await login(b.server, 'lena', next);
    expect(
      (await ok<CoachingNote>(a.server, lena, 'coaching.noteGet', { id: privateNote.id })).body,
    ).toContain(editedWord);
  });

  it("an administrator's reset cannot open it: a clear error, the list goes on without it, new notes work", async () => {
    const ada = await login(a.server, 'ada', OTHERS_PW);
    const reset = 'set by the administrator';
    await ok(a.server, ada, 'account.resetPassword', { id: lenaId, password: reset });
    expect((await sessionRows()).filter((row) => row.profile_id === lenaId)).toEqual([]);
    lena = await login(b.server, 'lena', reset);
    const error = await refused(b.server, lena, 'coaching.noteGet', { id: privateNote.id });
    expect(error).toEqual({
      code: 'not_allowed',
      message: expect.stringMatching(
        /written before an administrator reset their password.*nobody can read it/,
      ),
    });
    expect(JSON.stringify(error)).not.toContain(editedWord);
    const fresh = await ok<CoachingNote>(b.server, lena, 'coaching.noteAdd', {
      sessionId: session.id,
      body: 'Written after the reset.',
      private: true,
    });
    const notes = await ok<CoachingNote[]>(a.server, lena, 'coaching.notes', { sessionId: session.id });
    expect(notes.map((note) => note.id)).toEqual([sharedNote.id, fresh.id]);
    expect(notes[1]!.body).toBe('Written after the reset.');
    // Nobody else reads it either, the administrator included.
    expect((await refused(a.server, ada, 'coaching.noteGet', { id: privateNote.id })).code).toBe(
      'not_allowed',
    );
    await ok(a.server, lena, 'coaching.noteDelete', { id: privateNote.id });
  });
});

/** One value (selected `AS value`) from PostgreSQL. */
async function pgOne<T>(query: RawBuilder<unknown>): Promise<T> {
  const { rows } = await query.execute(a.backend.database.query);
  return (rows[0] as { value: T }).value;
}

async function databaseUrl(): Promise<string> {
  const { rows } = await sql<{ db: string; port: number; user: string }>`
    SELECT current_database() AS db, current_setting('port')::int AS port, current_user AS "user"`.execute(
    a.backend.database.query,
  );
  const { db, port, user } = rows[0]!;
  return `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${db}`;
}
