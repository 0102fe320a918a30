import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { chooseDatabaseUrl, DATABASE_ENV } from '../db/choose';
import { openPostgres } from '../db/postgres/database';
import { importWorkstation, type WorkstationImport } from '../team-import/import-workstation';
import type { NoteCredentials } from '../team-import/private-notes';

export const IMPORT_WORKSTATION_USAGE = `           earmark team import-workstation --data DIR --database URL [--map "PROFILE=USERNAME"]...
             [--notes-stdin] [--copy-recordings DIR] copies a workstation's library, evaluations,
             moments, coaching, wow reels, mystery shops, review-queue plans and playback positions
             into the team, once (a second run adds only what is new). Each
             workstation profile goes to the account named by --map, else to the team profile of the
             same name; a profile with neither stops it before anything is written. Private notes
             come over only with --notes-stdin: one JSON line per author on standard input,
             {"profile": "Lena Lead", "passphrase": "…", "password": "…"} (her workstation
             passphrase and her team password); she then reads them after logging in. Close the
             workstation app first; its folder is left as it was (the import reads a copy of its
             database in TMPDIR). --copy-recordings copies the recordings into a folder of the
             team server's (else they stay where the workstation had them).`;

/** At most this much on standard input: a line per author, never a file's worth. */
const MAX_STDIN_BYTES = 256 * 1024;

const CredentialsLine = z
  .object({ profile: z.string().min(1), passphrase: z.string().min(1), password: z.string().min(1) })
  .strict();

export async function runImportWorkstation(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      database: { type: 'string' },
      map: { type: 'string', multiple: true },
      'notes-stdin': { type: 'boolean', default: false },
      'copy-recordings': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new Error(`team import-workstation takes no ${positionals[0]}.`);
  if (!values.data)
    throw new Error("team import-workstation needs --data DIR: the workstation's data folder.");
  const databaseUrl = chooseDatabaseUrl(values.database);
  if (!databaseUrl)
    throw new Error(
      `team import-workstation needs --database postgres://… (or ${DATABASE_ENV}): the team's database.`,
    );
  const map = new Map<string, string>();
  for (const pair of values.map ?? []) {
    const at = pair.lastIndexOf('=');
    const profile = pair.slice(0, at).trim();
    const username = pair.slice(at + 1).trim();
    if (at < 0 || !profile || !username)
      throw new Error(`--map "${pair}": write it as "WORKSTATION PROFILE=USERNAME".`);
    map.set(profile, username);
  }
  const credentials = values['notes-stdin'] ? await credentialsFromStdin() : [];
  const target = await openPostgres(databaseUrl, { log: (message) => console.error(message) });
  // Ctrl+C or a kill ends the process through its exit hooks, which remove the workstation's temporary
  // copy and release its folder; the team's transaction is rolled back as its connection goes.
  const interrupt = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const done = await importWorkstation({
      dataDir: resolve(values.data),
      target,
      map,
      credentials,
      copyRecordingsTo: values['copy-recordings'] ? resolve(values['copy-recordings']) : null,
    });
    console.log(values.json ? JSON.stringify(done) : describe(done));
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await target.close();
  }
}

async function credentialsFromStdin(): Promise<NoteCredentials[]> {
  if (process.stdin.isTTY) {
    throw new Error(
      '--notes-stdin reads one JSON line per author from a pipe, e.g. printf \'%s\\n\' "$LINE" | earmark team import-workstation …',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_STDIN_BYTES)
      throw new Error('--notes-stdin: standard input is too long for a line per author.');
    chunks.push(buffer);
  }
  const lines = Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new Error('--notes-stdin: standard input held no line.');
  // A line's secrets never go into a message: only its number and what is wrong with its shape.
  return lines.map((line, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(
        `--notes-stdin: line ${index + 1} is not JSON ({"profile": …, "passphrase": …, "password": …}).`,
      );
    }
    const checked = CredentialsLine.safeParse(parsed);
    if (!checked.success)
      throw new Error(
        `--notes-stdin: line ${index + 1} needs exactly "profile", "passphrase" and "password", each text.`,
      );
    return checked.data;
  });
}

function describe(done: WorkstationImport): string {
  const a = done.added;
  const lines = [
    `Profiles: ${done.profiles.map((p) => `${p.workstation} → ${p.team}`).join(', ')}.`,
    `Added ${a.interactions} calls and chats (${a.recordings} recordings), ${a.moments} moments, ${a.evaluations} evaluations, ` +
      `${a.rubrics} rubrics and ${a.rubricVersions} rubric versions, ${a.coachingSessions} coaching sessions, ` +
      `${a.notes} shared and ${a.privateNotes} private notes, ${a.agents} agents, ${a.teams} teams, ${a.tags} tags, ` +
      `${a.reels} wow reels, ${a.mysteryScenarios} mystery scenarios, ${a.mysteryShops} mystery shops, ` +
      `${a.queuePlans} review-queue plans with ${a.queueDraws} weekly draws, ${a.playbackPositions} playback positions.`,
    ...done.privateNotesLeftOut.map(
      (left) =>
        `Left out ${left.count} private notes of ${left.profile}: run again with her passphrase and team password (--notes-stdin) to add them.`,
    ),
    ...done.notCopied.map((not) => `Not copied: ${not.count} ${not.what}: ${not.why}.`),
  ];
  return lines.join('\n');
}
