import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/backend/db/open';
import { earmarkCli } from '../support/cli';
import { describeEachEngine, freshPostgresUrl, testEngine } from '../support/engines';
import { audioData, repoRoot, sharedData, tempDir } from '../support/paths';
import { seededRandom, withReplay } from '../support/seeded-random';

const sgd = join(sharedData, 'chats', 'google-research-datasets__dstc8-schema-guided-dialogue');
const sgdFiles = [join(sgd, 'train', 'dialogues_032.json'), join(sgd, 'test', 'dialogues_008.json')];
/** Turns per dialogue id, straight from the source files. */
const expectedTurns = new Map<string, number>();
for (const file of sgdFiles) {
  for (const dialogue of JSON.parse(readFileSync(file, 'utf8')) as {
    dialogue_id: string;
    turns: unknown[];
  }[]) {
    expectedTurns.set(dialogue.dialogue_id, dialogue.turns.length);
  }
}

const folder = tempDir('earmark-kill-src-');
const data = tempDir('earmark-kill-data-');
afterAll(() => {
  folder.cleanup();
  data.cleanup();
});

/** The database of the run under test: the data folder's SQLite file, or a PostgreSQL database. */
let databaseUrl: string | undefined;

/** `earmark import` (this run's bundle of the source) in a child process, killed with SIGKILL after `killAfterMs` (or left to finish). */
function runImport(
  killAfterMs: number | null,
  dataDir = data.dir,
  database = databaseUrl,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        ...earmarkCli(),
        'import',
        folder.dir,
        '--data',
        dataDir,
        '--json',
        '--copy',
        ...(database ? ['--database', database] : []),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

interface Stored {
  chats: { id: string; turns: number }[];
  recordings: string[];
}

/** What the database holds after a kill; null when the kill came before its schema was there. */
async function readStored(): Promise<Stored | null> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // A kill during start-up can land inside the migration, whose one transaction then leaves nothing.
      const migrated = await client.query("SELECT to_regclass('interactions') IS NOT NULL AS there");
      if (!migrated.rows[0].there) return null;
      const chats = await client.query<{ id: string; turns: number }>(
        `SELECT i.external_id AS id, count(s.id)::int AS turns FROM interactions i LEFT JOIN segments s ON s.interaction_id = i.id
         WHERE i.kind = 'chat' GROUP BY i.id`,
      );
      const recordings = await client.query<{ path: string }>('SELECT path FROM recordings');
      return { chats: chats.rows, recordings: recordings.rows.map((row) => row.path) };
    } finally {
      await client.end();
    }
  }
  if (!existsSync(join(data.dir, DATABASE_FILE))) return null;
  const db = new Database(join(data.dir, DATABASE_FILE), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // A kill during start-up can land inside the first migration, whose transaction then leaves an
    // empty database behind: nothing imported, nothing half-written.
    if (db.pragma('user_version', { simple: true }) === 0) {
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
      return null;
    }
    const chats = db
      .prepare(
        `SELECT i.external_id AS id, count(s.id) AS turns FROM interactions i LEFT JOIN segments s ON s.interaction_id = i.id
         WHERE i.kind = 'chat' GROUP BY i.id`,
      )
      .all() as { id: string; turns: number }[];
    return { chats, recordings: db.prepare('SELECT path FROM recordings').pluck().all() as string[] };
  } finally {
    db.close();
  }
}

async function checkNothingHalfWritten(): Promise<number | null> {
  const stored = await readStored();
  if (!stored) return null;
  const { chats, recordings } = stored;
  for (const chat of chats) expect(chat.turns, chat.id).toBe(expectedTurns.get(chat.id));
  // One transaction per file: a chat export is in wholly or not at all.
  for (const file of sgdFiles) {
    const ids = (JSON.parse(readFileSync(file, 'utf8')) as { dialogue_id: string }[]).map(
      (d) => d.dialogue_id,
    );
    const present = chats.filter((chat) => ids.includes(chat.id)).length;
    expect([0, ids.length]).toContain(present);
  }
  for (const path of recordings) expect(existsSync(path), path).toBe(true);
  return chats.length;
}

describeEachEngine('killing the import at random moments', () => {
  it('never leaves anything half-written, and the next run completes the rest', async () => {
    if (testEngine() === 'postgres') databaseUrl = await freshPostgresUrl();
    const random = seededRandom('EARMARK_KILL_SEED');
    await withReplay(random, () => killAndResume(random.next));
  }, 180_000);
});

async function killAndResume(random: () => number): Promise<void> {
  for (const file of sgdFiles) cpSync(file, join(folder.dir, file.split('/').slice(-2).join('-')));
  cpSync(join(audioData, 'pyannote__pyannote-audio', 'sample.wav'), join(folder.dir, 'sample.wav'));
  cpSync(join(audioData, 'openai__whisper', 'jfk.flac'), join(folder.dir, 'jfk.flac'));
  cpSync(join(audioData, 'Borewit__music-metadata', 'M1F1-AlawC-AFsp.aif'), join(folder.dir, 'alaw.aif'));

  // Kills land at different points of the batch: during start-up, decoding, or a chat file's
  // transaction. Where those points fall depends on how busy the machine is, so the kills are spread
  // over the time one whole run takes here and now, not over fixed milliseconds: seven kills, each at
  // a seeded point within its own tenth of the run (from 25 % to 95 %), so runs explore new moments.
  const scratch = tempDir('earmark-kill-time-');
  const scratchDatabase = databaseUrl ? await freshPostgresUrl() : undefined;
  const started = performance.now();
  await runImport(null, scratch.dir, scratchDatabase);
  const wholeRunMs = performance.now() - started;
  scratch.cleanup();
  const seen: number[] = [];
  for (const tenth of [0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85]) {
    const killAfterMs = Math.round(wholeRunMs * (tenth + random() / 10));
    await runImport(killAfterMs);
    const chats = await checkNothingHalfWritten();
    if (chats !== null) seen.push(chats);
  }
  expect(
    seen.some((chats) => chats < expectedTurns.size),
    'some kill landed before the batch was done',
  ).toBe(true);
  const final = await runImport(null);
  expect(final.code).toBe(0);
  const report = JSON.parse(final.stdout.trim().split('\n').at(-1)!) as { failed: unknown[] };
  expect(report.failed).toEqual([]);
  expect(await checkNothingHalfWritten()).toBe(expectedTurns.size);
  const leftovers = readdirSync(join(data.dir, 'recordings', 'imported')).filter((name) =>
    name.endsWith('.partial'),
  );
  expect(leftovers).toEqual([]);
}
