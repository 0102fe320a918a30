import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { DATABASE_FILE } from '../../../electron/backend/db/open';
import { methodNames } from '../../../shared/api';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { call } from '../../support/backend';
import { resourcesDir, tempDir } from '../../support/paths';
import { refused, seedInteraction } from '../evaluations/fixture';
import { containsText, distinctivePhrase, filesHolding } from '../../support/leaks';
import { submittedEvaluation } from './fixture';

/**
 * The proof that a private coaching note stays private: after writing one with a distinctive word,
 * that word is found in none of the database file, its WAL, any other file in the data folder, any
 * export, the logs or the full-text index; another profile gets `not_allowed` from every method that
 * reads or changes the note; and a changed ciphertext is detected. Each search has a positive control
 * (a shared note's word, which must be found), so a broken search cannot pass for privacy.
 */

const PASSPHRASE = 'correct horse battery staple';
const privateWord = distinctivePhrase('ottoline');
const editedWord = distinctivePhrase('marzipan');
const refusedWord = distinctivePhrase('quillwort');
const sharedWord = distinctivePhrase('heliotrope');
const secrets = [privateWord, editedWord, refusedWord];

const data = tempDir();
const logs: string[] = [];
let backend: Backend;
let anna: ReviewerProfile;
let bob: ReviewerProfile;
let session: CoachingSession;
let privateNote: CoachingNote;
let sharedNote: CoachingNote;
let rubricId: number;

const open = () =>
  createBackend({
    dataDir: data.dir,
    resourcesDir,
    version: '0.0.0-test',
    log: (line) => logs.push(line),
  });
const actAs = (profile: ReviewerProfile, passphrase?: string) =>
  call(backend, 'profile.select', passphrase ? { id: profile.id, passphrase } : { id: profile.id });
const leaked = (value: unknown) => {
  const text = JSON.stringify(value);
  return secrets.filter((word) => text.includes(word));
};

beforeAll(async () => {
  backend = await open();
  await call(backend, 'demo.load');
  bob = await call<ReviewerProfile>(backend, 'profile.create', {
    name: 'Bob Quality',
    role: 'qa_supervisor',
  });
  anna = await call<ReviewerProfile>(backend, 'profile.create', { name: 'Anna Lead', role: 'team_lead' });
  await call(backend, 'profile.setPassphrase', { id: anna.id, newPassphrase: PASSPHRASE });

  const interactionId = seedInteraction(backend.db, 'Refund refused twice', 'Pekka Virtanen', 'Billing');
  ({ rubricId } = await submittedEvaluation(backend, anna.id, interactionId, 'Greeting was missing.'));
  const agentId = backend.db
    .prepare('SELECT agent_id FROM interactions WHERE id = ?')
    .pluck()
    .get(interactionId) as number;
  const evaluationId = backend.db
    .prepare('SELECT id FROM evaluations WHERE interaction_id = ?')
    .pluck()
    .get(interactionId) as number;
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

describe('the author', () => {
  it('reads the private note back (so the word was really written)', async () => {
    const notes = await call<CoachingNote[]>(backend, 'coaching.notes', { sessionId: session.id });
    expect(notes.map((note) => [note.private, note.body.includes(editedWord)])).toContainEqual([true, true]);
    expect(privateNote.private).toBe(true);
  });
});

describe('at rest', () => {
  it('the word is in neither the database file nor its WAL, while a shared note is', () => {
    const db = readFileSync(join(data.dir, DATABASE_FILE));
    const wal = readFileSync(join(data.dir, `${DATABASE_FILE}-wal`));
    expect(containsText(Buffer.concat([db, wal]), sharedWord), 'positive control').toBe(true);
    for (const word of secrets) {
      expect(containsText(db, word), `${word} in the database file`).toBe(false);
      expect(containsText(wal, word), `${word} in the WAL`).toBe(false);
    }
  });

  it('the row holds only ciphertext', () => {
    const row = backend.db
      .prepare(
        'SELECT body, length(nonce) AS nonce, length(ciphertext) AS bytes FROM coaching_notes WHERE id = ?',
      )
      .get(privateNote.id) as { body: string | null; nonce: number; bytes: number };
    expect(row.body).toBeNull();
    expect(row.nonce).toBe(12);
    expect(row.bytes).toBeGreaterThan(16);
  });

  it('no file in the data folder holds it after a checkpoint (database, WAL, backups, keys)', () => {
    backend.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesHolding(data.dir, sharedWord), 'positive control').toContain(DATABASE_FILE);
    for (const word of secrets) expect(filesHolding(data.dir, word), word).toEqual([]);
  });
});

describe('search and the full-text index', () => {
  it('the FTS index has no trace of it, though it finds transcript words', () => {
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

  it('library search does not find it', async () => {
    for (const word of secrets) {
      const page = await call<{ items: unknown[] }>(backend, 'library.list', { filters: { text: word } });
      expect(page.items).toEqual([]);
    }
  });
});

describe('exports and reports', () => {
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

describe('as the author, nothing but the note methods returns it', () => {
  it('no other method, with any probe, returns the word', async () => {
    await actAs(anna, PASSPHRASE);
    for (const method of readsOnly.filter((name) => name !== 'coaching.notes' && name !== 'coaching.noteGet'))
      for (const payload of probes())
        expect(
          leaked(await backend.dispatch(method, payload)),
          `${method} ${JSON.stringify(payload)}`,
        ).toEqual([]);
  });
});

describe('another profile', () => {
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
    for (const method of readsOnly)
      for (const payload of probes())
        expect(
          leaked(await backend.dispatch(method, payload)),
          `${method} ${JSON.stringify(payload)}`,
        ).toEqual([]);
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

describe('the author, locked', () => {
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

describe('tampering', () => {
  const row = () =>
    backend.db.prepare('SELECT nonce, ciphertext FROM coaching_notes WHERE id = ?').get(privateNote.id) as {
      nonce: Buffer;
      ciphertext: Buffer;
    };
  const write = (nonce: Buffer, ciphertext: Buffer) =>
    backend.db
      .prepare('UPDATE coaching_notes SET nonce = ?, ciphertext = ? WHERE id = ?')
      .run(nonce, ciphertext, privateNote.id);

  it('a changed byte anywhere (text, tag, nonce) is detected, and the note reads again once restored', async () => {
    await actAs(anna, PASSPHRASE);
    const original = row();
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
      write(nonce, ciphertext);
      const error = await refused(backend, 'coaching.noteGet', { id: privateNote.id });
      expect(error.code).toBe('tampered');
      expect(leaked(error)).toEqual([]);
    }
    write(original.nonce, original.ciphertext);
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
    const { nonce, ciphertext } = row();
    backend.db
      .prepare('UPDATE coaching_notes SET nonce = ?, ciphertext = ? WHERE id = ?')
      .run(nonce, ciphertext, other.id);
    expect((await refused(backend, 'coaching.noteGet', { id: other.id })).code).toBe('tampered');
    await call(backend, 'coaching.noteDelete', { id: other.id });
  });
});

describe('the logs', () => {
  it('hold none of it, after every path above (refusals, wrong passphrases, tampering)', () => {
    expect(logs.filter((line) => secrets.some((word) => line.includes(word)))).toEqual([]);
  });
});

describe('someone with a copy of the data folder', () => {
  it('without the passphrase cannot open it; without the key file not even with it', async () => {
    backend.db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = tempDir();
    try {
      cpSync(data.dir, copy.dir, { recursive: true });
      const stolen = await createBackend({
        dataDir: copy.dir,
        resourcesDir,
        version: '0.0.0-test',
        log: () => {},
      });
      try {
        expect(
          (await refused(stolen, 'profile.select', { id: anna.id, passphrase: 'password123' })).code,
        ).toBe('not_allowed');
      } finally {
        await stolen.close();
      }
      rmSync(join(copy.dir, 'keys'), { recursive: true, force: true });
      writeFileSync(join(copy.dir, 'unrelated.txt'), 'keys removed');
      const keyless = await createBackend({
        dataDir: copy.dir,
        resourcesDir,
        version: '0.0.0-test',
        log: () => {},
      });
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
