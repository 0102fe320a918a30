import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { DATABASE_FILE } from '../../../electron/backend/db/open';
import { methodNames } from '../../../shared/api';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { call } from '../../support/backend';
import { describeEachEngine, freshPostgresUrl, testEngine } from '../../support/engines';
import { resourcesDir, tempDir } from '../../support/paths';
import { refused, seedCall } from '../evaluations/fixture';
import { containsText, distinctivePhrase, filesHolding, filesUnder } from '../../support/leaks';
import { everyCell, submittedEvaluation } from './fixture';

/**
 * The proof that a private coaching note stays private: after writing one with a distinctive word,
 * that word is found in none of the database file, its WAL, any other file in the data folder, any
 * export, the logs or the full-text index; another profile gets `not_allowed` from every method that
 * reads or changes the note; and a changed ciphertext is detected. Each search has a positive control
 * (a shared note's word, which must be found), so a broken search cannot pass for privacy.
 *
 * On both engines. On PostgreSQL "the database file" is what the server keeps on disk: the files of
 * the test's database and the write-ahead log written meanwhile, read after a CHECKPOINT, besides
 * every text and binary cell as a dump would read it. The world below is built once and only read;
 * tests that change the note put it back, and every test starts with the author acting.
 */

const PASSPHRASE = 'correct horse battery staple';
const privateWord = distinctivePhrase('ottoline');
const editedWord = distinctivePhrase('marzipan');
const refusedWord = distinctivePhrase('quillwort');
const sharedWord = distinctivePhrase('heliotrope');
/** Written by the PostgreSQL at-rest test itself, so its WAL holds them whatever ran before. */
const walSharedWord = distinctivePhrase('tamarisk');
const walPrivateWord = distinctivePhrase('gooseberry');
const secrets = [privateWord, editedWord, refusedWord, walPrivateWord];

const data = tempDir();
const logs: string[] = [];
let databaseUrl: string | undefined;
let backend: Backend;
let anna: ReviewerProfile;
let bob: ReviewerProfile;
let session: CoachingSession;
let privateNote: CoachingNote;
let sharedNote: CoachingNote;
let rubricId: number;

const open = (dataDir = data.dir, log = (line: string) => void logs.push(line)) =>
  createBackend({
    dataDir,
    resourcesDir,
    version: '0.0.0-test',
    log,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
const actAs = (profile: ReviewerProfile, passphrase?: string) =>
  call(backend, 'profile.select', passphrase ? { id: profile.id, passphrase } : { id: profile.id });
const leaked = (value: unknown) => {
  const text = JSON.stringify(value);
  return secrets.filter((word) => text.includes(word));
};

beforeAll(async () => {
  databaseUrl = testEngine() === 'postgres' ? await freshPostgresUrl() : undefined;
  backend = await open();
  await call(backend, 'demo.load');
  bob = await call<ReviewerProfile>(backend, 'profile.create', {
    name: 'Bob Quality',
    role: 'qa_supervisor',
  });
  anna = await call<ReviewerProfile>(backend, 'profile.create', { name: 'Anna Lead', role: 'team_lead' });
  await call(backend, 'profile.setPassphrase', { id: anna.id, newPassphrase: PASSPHRASE });

  const interactionId = await seedCall(backend, 'Refund refused twice', 'Pekka Virtanen', 'Billing');
  let evaluationId: number;
  ({ rubricId, evaluationId } = await submittedEvaluation(
    backend,
    anna.id,
    interactionId,
    'Greeting was missing.',
  ));
  const { agent_id: agentId } = await backend.database.query
    .selectFrom('interactions')
    .select('agent_id')
    .where('id', '=', interactionId)
    .executeTakeFirstOrThrow();
  session = await call<CoachingSession>(backend, 'coaching.create', {
    agentId,
    heldOn: '2026-11-20',
    evaluationIds: [evaluationId],
  });
  privateNote = await call<CoachingNote>(backend, 'coaching.noteAdd', {
    sessionId: session.id,
    body: `Pekka said ${privateWord}: family trouble, asked me to keep it between us.`,
    private: true,
  });
  privateNote = await call<CoachingNote>(backend, 'coaching.noteUpdate', {
    id: privateNote.id,
    body: `Pekka said ${editedWord}: family trouble, asked me to keep it between us.`,
  });
  sharedNote = await call<CoachingNote>(backend, 'coaching.noteAdd', {
    sessionId: session.id,
    body: `Agreed in the meeting: ${sharedWord}.`,
    private: false,
  });
  // A note refused as too long must not leave its text anywhere either (an error message, a log).
  const tooLong = await refused(backend, 'coaching.noteAdd', {
    sessionId: session.id,
    body: `${refusedWord} ${'x'.repeat(25_000)}`,
    private: true,
  });
  expect(tooLong.code).toBe('invalid_params');
  expect(leaked(tooLong)).toEqual([]);
}, 60_000);

afterAll(async () => {
  // Checked again here, after every test whatever order they ran in (see "the logs" below).
  expect(logs.filter((line) => secrets.some((word) => line.includes(word)))).toEqual([]);
  await backend.close();
  data.cleanup();
});
// Every test starts with the author acting, unlocked, whatever the test before it left.
beforeEach(() => actAs(anna, PASSPHRASE));

describeEachEngine('the author', () => {
  it('reads the private note back (so the word was really written)', async () => {
    const notes = await call<CoachingNote[]>(backend, 'coaching.notes', { sessionId: session.id });
    expect(notes.map((note) => [note.private, note.body.includes(editedWord)])).toContainEqual([true, true]);
    expect(privateNote.private).toBe(true);
  });
});

describeEachEngine('at rest', (engine) => {
  it.runIf(engine === 'sqlite')(
    'the word is in neither the database file nor its WAL, while a shared note is',
    () => {
      const db = readFileSync(join(data.dir, DATABASE_FILE));
      const wal = readFileSync(join(data.dir, `${DATABASE_FILE}-wal`));
      expect(containsText(Buffer.concat([db, wal]), sharedWord), 'positive control').toBe(true);
      for (const word of secrets) {
        expect(containsText(db, word), `${word} in the database file`).toBe(false);
        expect(containsText(wal, word), `${word} in the WAL`).toBe(false);
      }
    },
  );

  it.runIf(engine === 'postgres')(
    "the word is in neither the database's files nor the WAL PostgreSQL wrote, while a shared note is",
    async () => {
      // Notes of this test's own, read back from the WAL at once (a checkpoint recycles segments).
      const walFrom = await pgOne<string>(sql`SELECT pg_walfile_name(pg_current_wal_lsn()) AS value`);
      const shared = await call<CoachingNote>(backend, 'coaching.noteAdd', {
        sessionId: session.id,
        body: `Also agreed: ${walSharedWord}.`,
        private: false,
      });
      const own = await call<CoachingNote>(backend, 'coaching.noteAdd', {
        sessionId: session.id,
        body: `And privately: ${walPrivateWord}.`,
        private: true,
      });
      try {
        const wal = await walSegmentsFrom(walFrom);
        expect(holding(walSharedWord, wal).length, 'positive control: the WAL').toBeGreaterThan(0);
        for (const word of secrets) expect(holding(word, wal), `${word} in the WAL`).toEqual([]);
        const files = await databaseFiles();
        expect(files.length).toBeGreaterThan(10);
        expect(holding(sharedWord, files).length, 'positive control: the tables').toBeGreaterThan(0);
        expect(holding(walSharedWord, files).length, 'positive control: the tables').toBeGreaterThan(0);
        for (const word of secrets) expect(holding(word, files), `${word} in the tables`).toEqual([]);
      } finally {
        for (const note of [shared, own]) await call(backend, 'coaching.noteDelete', { id: note.id });
      }
    },
  );

  it('no text or binary cell of any table holds it (as a dump reads them), while a shared note does', async () => {
    const cells = await everyCell(backend);
    expect(cells.size).toBeGreaterThan(20);
    expect(
      [...cells].filter(([, text]) => text.includes(sharedWord)).map(([table]) => table),
      'positive control',
    ).toEqual(['coaching_notes']);
    for (const [table, text] of cells)
      for (const word of secrets) {
        expect(text.includes(word), `${word} in ${table}`).toBe(false);
        expect(text.includes(Buffer.from(word).toString('hex')), `${word} in ${table} (as hex)`).toBe(false);
      }
  });

  it('the row holds only ciphertext', async () => {
    const row = await backend.database.query
      .selectFrom('coaching_notes')
      .select(['body', 'nonce', 'ciphertext'])
      .where('id', '=', privateNote.id)
      .executeTakeFirstOrThrow();
    expect(row.body).toBeNull();
    expect(row.nonce).toHaveLength(12);
    expect(row.ciphertext!.length).toBeGreaterThan(16);
  });

  it('no file in the data folder holds it after a checkpoint (database, WAL, backups, keys)', async () => {
    await checkpoint();
    if (engine === 'sqlite')
      expect(filesHolding(data.dir, sharedWord), 'positive control').toContain(DATABASE_FILE);
    else expect(filesUnder(data.dir).length, 'keys and recordings are there').toBeGreaterThan(0);
    for (const word of secrets) expect(filesHolding(data.dir, word), word).toEqual([]);
  });
});

describeEachEngine('search and the full-text index', (engine) => {
  it.runIf(engine === 'sqlite')('the FTS index has no trace of it, though it finds transcript words', () => {
    const matches = (word: string) =>
      backend.db.prepare('SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?').pluck().get(word);
    expect(matches('refund'), 'positive control: demo transcripts are indexed').not.toBe(0);
    for (const word of secrets) expect(matches(word)).toBe(0);
    const ftsTables = backend.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%fts%'")
      .pluck()
      .all() as string[];
    expect(ftsTables.length).toBeGreaterThan(0);
    for (const table of ftsTables) {
      const rows = backend.db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
      const bytes = Buffer.concat(
        rows.flat().map((cell) => (Buffer.isBuffer(cell) ? cell : Buffer.from(String(cell)))),
      );
      for (const word of secrets) expect(containsText(bytes, word), `${word} in ${table}`).toBe(false);
    }
  });

  it.runIf(engine === 'postgres')(
    'no search vector has a trace of it, though they find transcript words',
    async () => {
      const matches = (word: string) =>
        pgOne<number>(sql`SELECT count(*)::int AS value FROM segment_search
          WHERE search_document @@ plainto_tsquery('earmark_search', ${word})`);
      expect(await matches('refund'), 'positive control: demo transcripts are indexed').not.toBe(0);
      for (const word of secrets) expect(await matches(word), word).toBe(0);
      const vectors = await pgOne<string>(
        sql`SELECT coalesce(string_agg(search_document::text, ' '), '') AS value FROM segment_search`,
      );
      expect(vectors).toContain('refund');
      for (const word of secrets) expect(vectors.includes(word), word).toBe(false);
    },
  );

  it('library search does not find it', async () => {
    for (const word of secrets) {
      const page = await call<{ items: unknown[] }>(backend, 'library.list', { filters: { text: word } });
      expect(page.items).toEqual([]);
    }
  });
});

describeEachEngine('exports and reports', () => {
  it('the evaluations CSV (with drafts) does not hold it', async () => {
    const exported = await call<{ csv: string }>(backend, 'evaluation.exportCsv', {
      rubricId,
      includeDrafts: true,
    });
    expect(exported.csv, 'positive control').toContain('Greeting was missing.');
    expect(leaked(exported)).toEqual([]);
  });
});

/** Payloads that point at the note, its session and everything around them. */
function probes(): unknown[] {
  const ids = [privateNote.id, sharedNote.id, session.id, session.agent.id, anna.id];
  return [
    {},
    ...ids.flatMap((id) => [{ id }, { sessionId: id }, { agentId: id }, { interactionId: id }]),
    { filters: { text: privateWord } },
    { agentId: session.agent.id, window: 200 },
    { rubricId, includeDrafts: true },
  ];
}

/** Methods that change state are left out of the sweep; the note's own ones are tested one by one below. */
const readsOnly = methodNames.filter(
  (name) =>
    !/\.(create|update|delete|add|set|save|submit|reopen|discard|publish|import|start|cancel|load|decline|select|lock|close|reset|restore|note(Add|Update|Delete)|action(Add|Update|Delete))/i.test(
      name,
    ) && !name.startsWith('import.'),
);

/**
 * Calls every method with every probe: none returns a secret word, and none answers `unavailable` (a
 * method not yet on this engine would be a method the sweep never read through).
 */
async function sweep(methods: readonly string[]): Promise<void> {
  const unreached = new Set<string>();
  for (const method of methods)
    for (const payload of probes()) {
      const reply = await backend.dispatch(method, payload);
      // A team-only method refuses on a workstation for that reason; this is about the engine.
      if (!reply.ok && reply.error.code === 'unavailable' && /does not run on/.test(reply.error.message))
        unreached.add(method);
      expect(leaked(reply), `${method} ${JSON.stringify(payload)}`).toEqual([]);
    }
  expect([...unreached], 'methods not on this engine yet').toEqual([]);
}

describeEachEngine('as the author, nothing but the note methods returns it', () => {
  it('no other method, with any probe, returns the word', async () => {
    await actAs(anna, PASSPHRASE);
    await sweep(readsOnly.filter((name) => name !== 'coaching.notes' && name !== 'coaching.noteGet'));
  });
});

describeEachEngine('another profile', () => {
  beforeEach(async () => {
    await actAs(bob);
  });

  it('sees the session and the shared note, not the private one, not even as a count', async () => {
    const seen = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    expect(seen.editable).toBe(false);
    const notes = await call<CoachingNote[]>(backend, 'coaching.notes', { sessionId: session.id });
    expect(notes.map((note) => note.id)).toEqual([sharedNote.id]);
  });

  it('gets not_allowed from every method on the note itself, and the note is unchanged', async () => {
    for (const [method, params] of [
      ['coaching.noteGet', { id: privateNote.id }],
      ['coaching.noteUpdate', { id: privateNote.id, body: 'overwritten by someone else' }],
      ['coaching.noteDelete', { id: privateNote.id }],
    ] as const) {
      const error = await refused(backend, method, params);
      expect(error.code, method).toBe('not_allowed');
      expect(leaked(error)).toEqual([]);
    }
    const noteAsBob = await refused(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: 'Bob has no passphrase',
      private: true,
    });
    expect(noteAsBob.code).toBe('not_allowed');
  });

  it('no method, with any probe, returns the word', async () => {
    await sweep(readsOnly);
  });

  it('cannot act as the author without her passphrase', async () => {
    expect((await refused(backend, 'profile.select', { id: anna.id })).code).toBe('locked');
    expect(
      (await refused(backend, 'profile.select', { id: anna.id, passphrase: 'guess guess guess' })).code,
    ).toBe('not_allowed');
    // Nor by naming her: who acts is never read from a payload.
    const namingAnna = await refused(backend, 'evaluation.start', {
      interactionId: 1,
      rubricId,
      reviewerId: anna.id,
    });
    expect(namingAnna.code).toBe('invalid_params');
  });
});

describeEachEngine('the author, locked', () => {
  it('gets locked until the passphrase is given again', async () => {
    await actAs(anna, PASSPHRASE);
    await call(backend, 'profile.lock');
    expect((await refused(backend, 'coaching.notes', { sessionId: session.id })).code).toBe('locked');
    expect((await refused(backend, 'coaching.noteGet', { id: privateNote.id })).code).toBe('locked');
    await actAs(anna, PASSPHRASE);
    const note = await call<CoachingNote>(backend, 'coaching.noteGet', { id: privateNote.id });
    expect(note.body).toContain(editedWord);
  });
});

describeEachEngine('tampering', () => {
  const row = async () => {
    const { nonce, ciphertext } = await backend.database.query
      .selectFrom('coaching_notes')
      .select(['nonce', 'ciphertext'])
      .where('id', '=', privateNote.id)
      .executeTakeFirstOrThrow();
    return { nonce: nonce!, ciphertext: ciphertext! };
  };
  const write = (nonce: Buffer, ciphertext: Buffer, id = privateNote.id) =>
    backend.database.query
      .updateTable('coaching_notes')
      .set({ nonce, ciphertext })
      .where('id', '=', id)
      .execute();

  it('a changed byte anywhere (text, tag, nonce) is detected, and the note reads again once restored', async () => {
    const original = await row();
    const positions = [0, Math.floor(original.ciphertext.length / 2), original.ciphertext.length - 1];
    const variants = [
      ...positions.map((at) => {
        const changed = Buffer.from(original.ciphertext);
        changed[at] = changed[at]! ^ 0x01;
        return [original.nonce, changed] as const;
      }),
      [
        Buffer.from(original.nonce.map((byte, i) => (i === 0 ? byte ^ 0x80 : byte))),
        original.ciphertext,
      ] as const,
    ];
    for (const [nonce, ciphertext] of variants) {
      await write(nonce, ciphertext);
      const error = await refused(backend, 'coaching.noteGet', { id: privateNote.id });
      expect(error.code).toBe('tampered');
      expect(leaked(error)).toEqual([]);
    }
    await write(original.nonce, original.ciphertext);
    expect((await call<CoachingNote>(backend, 'coaching.noteGet', { id: privateNote.id })).body).toContain(
      editedWord,
    );
  });

  it('a ciphertext moved onto another note is detected (it is bound to its row)', async () => {
    const other = await call<CoachingNote>(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: 'A second private note.',
      private: true,
    });
    const { nonce, ciphertext } = await row();
    await write(nonce, ciphertext, other.id);
    expect((await refused(backend, 'coaching.noteGet', { id: other.id })).code).toBe('tampered');
    await call(backend, 'coaching.noteDelete', { id: other.id });
  });
});

describeEachEngine('the logs', () => {
  it('hold none of it after refusals, wrong passphrases and tampering', async () => {
    await refused(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: `${refusedWord} ${'x'.repeat(25_000)}`,
      private: true,
    });
    await actAs(bob);
    await refused(backend, 'coaching.noteGet', { id: privateNote.id });
    await refused(backend, 'profile.select', { id: anna.id, passphrase: 'guess guess guess' });
    await actAs(anna, PASSPHRASE);
    const other = await call<CoachingNote>(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: `${editedWord} once more`,
      private: true,
    });
    await backend.database.query
      .updateTable('coaching_notes')
      .set({ nonce: Buffer.alloc(12) })
      .where('id', '=', other.id)
      .execute();
    expect((await refused(backend, 'coaching.noteGet', { id: other.id })).code).toBe('tampered');
    await call(backend, 'coaching.noteDelete', { id: other.id });
    expect(logs.length, 'positive control: the backend logs').toBeGreaterThan(0);
    expect(logs.filter((line) => secrets.some((word) => line.includes(word)))).toEqual([]);
  });
});

// On PostgreSQL the copy is of the data folder (the keys) with the same database beside it.
describeEachEngine('someone with a copy of the data folder', () => {
  it('without the passphrase cannot open it; without the key file not even with it', async () => {
    await checkpoint();
    const copy = tempDir();
    try {
      cpSync(data.dir, copy.dir, { recursive: true });
      const stolen = await open(copy.dir, () => {});
      try {
        expect(
          (await refused(stolen, 'profile.select', { id: anna.id, passphrase: 'password123' })).code,
        ).toBe('not_allowed');
      } finally {
        await stolen.close();
      }
      rmSync(join(copy.dir, 'keys'), { recursive: true, force: true });
      writeFileSync(join(copy.dir, 'unrelated.txt'), 'keys removed');
      const keyless = await open(copy.dir, () => {});
      try {
        const error = await refused(keyless, 'profile.select', { id: anna.id, passphrase: PASSPHRASE });
        expect(error.code).not.toBe('internal');
        expect(error.message).toMatch(/key/i);
      } finally {
        await keyless.close();
      }
    } finally {
      copy.cleanup();
    }
  });
});

/** One value (selected `AS value`) from PostgreSQL. */
async function pgOne<T>(query: RawBuilder<unknown>): Promise<T> {
  const { rows } = await query.execute(backend.database.query);
  return (rows[0] as { value: T }).value;
}

/** Everything written so far on disk: SQLite's WAL into its file, PostgreSQL's buffers into its files. */
async function checkpoint(): Promise<void> {
  if (backend.database.engine === 'sqlite') backend.db.pragma('wal_checkpoint(TRUNCATE)');
  else await sql`CHECKPOINT`.execute(backend.database.query);
}

/** Files among `paths` holding `word` in any encoding. */
const holding = (word: string, paths: string[]) =>
  paths.filter((path) => containsText(readFileSync(path), word));

/** The files PostgreSQL keeps the test's database in, after a checkpoint (the server's bytes at rest). */
async function databaseFiles(): Promise<string[]> {
  await checkpoint();
  const dataDirectory = await pgOne<string>(sql`SELECT current_setting('data_directory') AS value`);
  const databaseOid = await pgOne<string>(
    sql`SELECT oid::text AS value FROM pg_database WHERE datname = current_database()`,
  );
  return filesUnder(join(dataDirectory, 'base', databaseOid));
}

/**
 * The write-ahead log segments from `first` on, flushed first (commits here do not wait for it): the
 * whole cluster's, which is more than this database's, never less. Recycled segments, renamed ahead,
 * are read too.
 */
async function walSegmentsFrom(first: string): Promise<string[]> {
  await sql`SELECT pg_switch_wal()`.execute(backend.database.query);
  const dataDirectory = await pgOne<string>(sql`SELECT current_setting('data_directory') AS value`);
  const walDir = join(dataDirectory, 'pg_wal');
  return readdirSync(walDir)
    .filter((name) => /^[0-9A-F]{24}$/.test(name) && name >= first)
    .map((name) => join(walDir, name));
}
