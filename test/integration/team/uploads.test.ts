import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { TeamServer } from '../../../electron/backend/host/team-server';
import type { UploadState } from '../../../electron/backend/team-files/uploads';
import type { FolderListing, ImportPlan } from '../../../shared/api';
import { freshPostgresUrl } from '../../support/engines';
import { audioData, repoRoot, sharedData, tempDir } from '../../support/paths';
import { addAccount } from '../accounts/team-fixture';
import {
  call,
  cookieFrom,
  originOf,
  rendererFolder,
  send,
  teamProcess,
  type Answer,
} from './team-host-fixture';

/**
 * Files in a team: uploads streamed into the storage folder two server processes share, and imports
 * from the administrator's folders only. Real files from ../shared/data.
 */
const PASSWORD = 'a long enough password';
const LIMIT = 2 * 1024 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
let a: { backend: Backend; server: TeamServer };
let b: { backend: Backend; server: TeamServer };
let storage: string;
let share: string;
let outside: string;
let sam: { a: string; b: string };

const sampleWav = join(audioData, 'pyannote__pyannote-audio', 'sample.wav');
const sampleStm = join(audioData, 'pyannote__pyannote-audio', 'sample.stm');
const gsmWav = join(audioData, 'edge_cases', 'Borewit__music-metadata', 'gsm610.wav');
const headerless = join(
  audioData,
  'edge_cases',
  'Azure-Samples__cognitive-services-speech-sdk',
  'missing_wav_header.wav',
);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  const url = await freshPostgresUrl();
  const renderer = rendererFolder();
  cleanups.push(renderer.cleanup);
  const folders = tempDir('earmark-team-files-');
  cleanups.push(folders.cleanup);
  storage = join(folders.dir, 'storage');
  share = join(folders.dir, 'recorder-share');
  outside = join(folders.dir, 'elsewhere');
  mkdirSync(join(share, 'november'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(
    join(share, 'november', 'jfk.mp3'),
    readFileSync(join(audioData, 'ggerganov__whisper.cpp', 'jfk.mp3')),
  );
  writeFileSync(
    join(outside, 'secret.wav'),
    readFileSync(join(audioData, 'eshaz__wasm-audio-decoders', 'opus_osce_male_ref_5kbs.ogg')),
  );
  // A link the share's owner left (or someone planted) pointing out of the share.
  symlinkSync(join(outside, 'secret.wav'), join(share, 'november', 'link-out.wav'));
  symlinkSync(outside, join(share, 'elsewhere-link'));
  const files = { storage, importFolders: [share], maxUploadBytes: LIMIT };
  const first = await teamProcess(url, renderer.dir, { files });
  cleanups.push(first.stop);
  const second = await teamProcess(url, renderer.dir, { files });
  cleanups.push(second.stop);
  a = first;
  b = second;
  await addAccount(a.backend, 'sam', 'qa_supervisor', PASSWORD);
  await addAccount(a.backend, 'lee', 'team_lead', PASSWORD);
  sam = { a: await login(a.server), b: await login(b.server) };
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function login(server: TeamServer, username = 'sam'): Promise<string> {
  return cookieFrom(await call(server, 'session.login', { username, password: PASSWORD }));
}

const headers = (server: TeamServer, cookie: string, extra: Record<string, string> = {}) => ({
  Origin: originOf(server),
  'Sec-Fetch-Site': 'same-origin',
  Cookie: cookie,
  ...extra,
});

function startUpload(
  server: TeamServer,
  cookie: string,
  file: { name: string; size: number; sha256?: string },
) {
  return send(server, '/uploads', {
    method: 'POST',
    headers: headers(server, cookie, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(file),
  });
}

function put(server: TeamServer, cookie: string, id: string, offset: number, bytes: Buffer) {
  return send(server, `/uploads/${id}`, {
    method: 'PUT',
    headers: headers(server, cookie, {
      'Content-Type': 'application/octet-stream',
      'Upload-Offset': String(offset),
      'Content-Length': String(bytes.length),
    }),
    body: bytes,
  });
}

const state = (answer: Answer) => answer.json<{ ok: true; value: UploadState }>().value;

/** A whole file uploaded in one request, with its hash; the path it was kept at. */
async function upload(server: TeamServer, cookie: string, file: string, name?: string): Promise<string> {
  const bytes = readFileSync(file);
  const made = await startUpload(server, cookie, {
    name: name ?? file.split('/').pop()!,
    size: bytes.length,
    sha256: sha256(bytes),
  });
  expect(made.status, made.text()).toBe(201);
  const done = state(made).done ? made : await put(server, cookie, state(made).id, 0, bytes);
  expect(done.status, done.text()).toBe(done === made ? 201 : 200);
  const value = state(done);
  if (!value.done) throw new Error(`The upload of ${file} did not finish: ${done.text()}`);
  return value.path;
}

async function api<T>(server: TeamServer, cookie: string, method: string, payload: unknown) {
  const answer = await call(server, method, payload, { cookie });
  return answer.json<{ ok: boolean; value: T; error: { code: string; message: string } }>();
}

async function importOn(server: TeamServer, cookie: string, paths: string[]) {
  const started = await api<{ batchId: number }>(server, cookie, 'import.start', { paths, pairLegs: true });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await api<{
      state: string;
      outcomes: { file: string; outcome: string; message: string | null; interactionIds: number[] }[];
    }>(server, cookie, 'import.status', { batchId: started.value.batchId });
    if (status.value.state !== 'running' && status.value.state !== 'planning') return status.value;
    if (Date.now() > deadline) throw new Error('The import did not finish in 60 s.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('uploading recordings to a team server', () => {
  it('streams a file into the shared storage, checks its hash, and another process imports and plays it', async () => {
    const wav = await upload(a.server, sam.a, sampleWav);
    const stm = await upload(a.server, sam.a, sampleStm);
    expect(wav.startsWith(join(storage, 'uploads', 'done'))).toBe(true);
    expect(readFileSync(wav).equals(readFileSync(sampleWav))).toBe(true);
    // Process B, on the same storage, imports what A took in; the transcript still finds its recording.
    const status = await importOn(b.server, sam.b, [wav, stm]);
    expect(status.state).toBe('done');
    const imported = status.outcomes.find((o) => o.file === wav)!;
    expect(imported.outcome).toBe('imported');
    const detail = await api<{ recording: { id: number }; segments: unknown[] }>(
      b.server,
      sam.b,
      'interaction.get',
      {
        id: imported.interactionIds[0],
      },
    );
    expect(detail.value.segments).toHaveLength(13);
    const media = await send(a.server, `/media/recording/${detail.value.recording.id}`, {
      headers: headers(a.server, sam.a, { Range: 'bytes=0-3' }),
    });
    expect(media.status).toBe(206);
    expect(media.body.toString('latin1')).toBe('RIFF');
  });

  it('refuses a file over the limit before a byte is sent, naming the limit', async () => {
    const answer = await startUpload(a.server, sam.a, { name: 'long-call.wav', size: 3 * LIMIT });
    expect(answer.status).toBe(413);
    expect(answer.json().error?.message).toBe(
      'long-call.wav is 6 MB; this team server takes files of up to 2 MB (its --max-upload-size).',
    );
    // Named, for the import screen to say it in the user's language.
    expect(answer.json().error?.reason).toBe('upload_too_big');
  });

  it('keeps a broken-off upload as a partial that no import can read, and goes on from its offset at the other process', async () => {
    const bytes = readFileSync(sampleWav);
    const made = state(
      await startUpload(a.server, sam.a, { name: 'resumed.wav', size: bytes.length, sha256: sha256(bytes) }),
    );
    // The connection drops after 300 000 bytes of a body announced as the whole file.
    await brokenOff(a.server, sam.a, made.id, bytes.subarray(0, 300_000), bytes.length);
    const where = state(await send(b.server, `/uploads/${made.id}`, { headers: headers(b.server, sam.b) }));
    expect(where).toMatchObject({ done: false });
    expect(where.offset).toBeGreaterThan(0);
    expect(where.offset).toBeLessThanOrEqual(300_000);
    // Nothing of it counts: it is not among the whole uploads, and its partial cannot be imported.
    expect(existsSync(join(storage, 'uploads', 'done', made.id))).toBe(false);
    const partial = join(storage, 'uploads', 'partial', `${made.id}.part`);
    const refused = await api(a.server, sam.a, 'import.preview', { paths: [partial] });
    expect(refused.error).toMatchObject({ code: 'not_allowed' });
    expect(refused.error.message).toContain('outside the folders this team server imports from');
    // A wrong offset is refused, saying where to go on from.
    const wrong = await put(b.server, sam.b, made.id, 0, bytes);
    expect(wrong.status).toBe(409);
    expect(wrong.json<{ offset: number }>().offset).toBe(where.offset);
    expect(wrong.json().error?.reason).toBe('upload_wrong_offset');
    const rest = state(await put(b.server, sam.b, made.id, where.offset, bytes.subarray(where.offset)));
    expect(rest).toMatchObject({ done: true, sha256: sha256(bytes) });
    expect(readFileSync(join(storage, 'uploads', 'done', made.id, 'resumed.wav')).equals(bytes)).toBe(true);
  });

  it('lets one request at a time write an upload, whichever process it reached', async () => {
    const bytes = readFileSync(sampleStm);
    const made = state(await startUpload(a.server, sam.a, { name: 'busy.stm', size: bytes.length }));
    const lock = join(storage, 'uploads', 'partial', `${made.id}.lock`);
    const first = request({
      host: '127.0.0.1',
      port: a.server.port,
      path: `/uploads/${made.id}`,
      method: 'PUT',
      headers: headers(a.server, sam.a, { 'Upload-Offset': '0', 'Content-Length': String(bytes.length) }),
    });
    first.on('error', () => {});
    const closed = new Promise((resolve) => first.on('close', resolve));
    first.write(bytes.subarray(0, 100));
    await expect.poll(() => existsSync(lock)).toBe(true);
    const second = await put(b.server, sam.b, made.id, 0, bytes);
    expect(second.status).toBe(409);
    expect(second.json().error?.message).toContain('is being sent by another request');
    expect(second.json().error?.reason).toBe('upload_busy');
    first.destroy();
    await closed;
    await expect.poll(() => existsSync(lock)).toBe(false);
    const where = state(await send(b.server, `/uploads/${made.id}`, { headers: headers(b.server, sam.b) }));
    const rest = state(await put(b.server, sam.b, made.id, where.offset, bytes.subarray(where.offset)));
    expect(rest).toMatchObject({ done: true, sha256: sha256(bytes) });
  });

  it('takes a file in parts, finishing only with the last byte', async () => {
    const bytes = readFileSync(gsmWav);
    const made = state(await startUpload(a.server, sam.a, { name: 'gsm610.wav', size: bytes.length }));
    const half = state(await put(a.server, sam.a, made.id, 0, bytes.subarray(0, 100)));
    expect(half).toMatchObject({ done: false, offset: 100 });
    const whole = state(await put(b.server, sam.b, made.id, 100, bytes.subarray(100)));
    // No hash was sent: the server says what it computed, for the sender to compare.
    expect(whole).toMatchObject({ done: true, sha256: sha256(bytes) });
  });

  it('refuses a file that arrives different from its hash, keeps nothing, and takes it again afresh', async () => {
    const bytes = readFileSync(sampleStm);
    const made = state(
      await startUpload(a.server, sam.a, { name: 'sample.stm', size: bytes.length, sha256: sha256(bytes) }),
    );
    const damaged = Buffer.from(bytes);
    damaged[10] = damaged[10]! ^ 0xff;
    const answer = await put(a.server, sam.a, made.id, 0, damaged);
    expect(answer.status).toBe(422);
    expect(answer.json().error?.reason).toBe('upload_different');
    expect(answer.json().error?.message).toMatch(
      /^sample\.stm arrived different from what was sent \(sha256 [0-9a-f]{64}, the sender's [0-9a-f]{64}\); nothing was kept: upload it again\.$/,
    );
    expect(existsSync(join(storage, 'uploads', 'partial', `${made.id}.part`))).toBe(false);
    const gone = await send(a.server, `/uploads/${made.id}`, { headers: headers(a.server, sam.a) });
    expect(gone.status).toBe(404);
    expect(gone.json().error?.reason).toBe('upload_gone');
    await upload(a.server, sam.a, sampleStm);
  });

  it('refuses more bytes than the file has, and a name that is a path', async () => {
    const made = state(await startUpload(a.server, sam.a, { name: 'small.wav', size: 10 }));
    const tooMany = await put(a.server, sam.a, made.id, 0, Buffer.alloc(20));
    expect(tooMany.status).toBe(413);
    expect(tooMany.json().error?.reason).toBe('upload_too_many_bytes');
    for (const name of ['../escape.wav', 'a/b.wav', '.hidden.wav']) {
      const answer = await startUpload(a.server, sam.a, { name, size: 10 });
      expect(answer.status, name).toBe(400);
      expect(answer.json().error?.reason, name).toBe(
        name.startsWith('.h') ? 'upload_hidden_name' : 'upload_bad_name',
      );
    }
  });

  it("gives bad files the import's own errors: empty, not audio, and converts GSM 6.10 and IMA ADPCM into the shared storage", async () => {
    const empty = join(tempDir('earmark-empty-').dir, 'empty.wav');
    writeFileSync(empty, '');
    const paths = [
      await upload(a.server, sam.a, empty),
      await upload(a.server, sam.a, headerless),
      await upload(a.server, sam.a, gsmWav, 'gsm-call.wav'),
      await upload(a.server, sam.a, join(repoRoot, 'test', 'fixtures', 'audio', 'ima-adpcm.wav')),
    ];
    const status = await importOn(a.server, sam.a, paths);
    const byFile = new Map(status.outcomes.map((o) => [o.file, o]));
    // The same words as the workstation's import (import.test.ts), naming the file.
    expect(byFile.get(paths[0]!)).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/empty/),
    });
    expect(byFile.get(paths[1]!)).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/not audio Earmark can read/),
    });
    for (const path of [paths[2]!, paths[3]!]) {
      const converted = byFile.get(path)!;
      expect(converted.outcome, path).toBe('imported');
      const detail = await api<{ recording: { id: number } }>(a.server, sam.a, 'interaction.get', {
        id: converted.interactionIds[0],
      });
      // Played from a WAV the import wrote where the other process finds it too.
      const media = await b.backend.mediaFile(detail.value.recording.id);
      expect(media.path.startsWith(join(storage, 'recordings')), path).toBe(true);
      expect(media.mimeType).toBe('audio/wav');
    }
  });

  it("lets only roles that import upload, and only from the server's own page", async () => {
    const lee = await login(a.server, 'lee');
    const refused = await startUpload(a.server, lee, { name: 'x.wav', size: 10 });
    expect(refused.status).toBe(403);
    expect(refused.json().error?.message).toBe(
      'A team lead (role team_lead) may not upload recordings (upload); that is for a QA supervisor, a QA manager, an administrator or a mystery shopper.',
    );
    expect(refused.json().error?.reason).toBe('upload_not_allowed');
    const anonymous = await send(a.server, '/uploads', {
      method: 'POST',
      headers: { Origin: originOf(a.server), 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    const forged = await send(a.server, '/uploads', {
      method: 'POST',
      headers: {
        ...headers(a.server, sam.a),
        Origin: 'https://evil.example',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'x.wav', size: 10 }),
    });
    expect(forged.status).toBe(403);
    expect(forged.json().error?.reason).toBe('upload_not_allowed');
    // Another account's upload is not there for them.
    const mine = state(await startUpload(a.server, sam.a, { name: 'mine.wav', size: 10 }));
    const admin = await addAccount(a.backend, 'ada', 'admin', PASSWORD);
    expect(admin).toBeTruthy();
    const ada = await login(a.server, 'ada');
    expect((await put(a.server, ada, mine.id, 0, Buffer.alloc(10))).status).toBe(404);
  });
});

describe('uploads an import does not take', () => {
  const edge = (...parts: string[]) => join(audioData, 'edge_cases', ...parts);
  const femaleOgg = join(audioData, 'eshaz__wasm-audio-decoders', 'opus_osce_female_ref_12kbs.ogg');
  const kept = (path: string) => existsSync(path);
  const idOf = (path: string) => path.split('/').at(-2)!;
  const recordingCount = async () =>
    Number(
      (
        await a.backend.database.query
          .selectFrom('recordings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('removes a broken or unreadable upload once its import fails, keeping the good file of the same batch', async () => {
    const good = await upload(a.server, sam.a, femaleOgg, 'female-12k.ogg');
    const broken = [
      await upload(a.server, sam.a, headerless),
      await upload(
        a.server,
        sam.a,
        edge('ruuda__hound', 'fuzz', 'crash-24728523ef4be15c838293b676f6853e73723bf4.wav'),
      ),
      await upload(a.server, sam.a, edge('Borewit__music-metadata', 'corrupt.mkv')),
    ];
    // Not a format Earmark imports at all: the plan leaves it out.
    const notes = await upload(a.server, sam.a, join(sharedData, 'README.md'), 'call-notes.md');
    const status = await importOn(b.server, sam.b, [good, ...broken, notes]);
    expect(status.state).toBe('done');
    const byFile = new Map(status.outcomes.map((o) => [o.file, o]));
    expect(byFile.get(good)?.outcome).toBe('imported');
    for (const path of broken) expect(byFile.get(path)?.outcome, path).toBe('failed');
    expect(byFile.has(notes)).toBe(false);
    for (const path of [...broken, notes]) {
      expect(kept(path), path).toBe(false);
      expect(kept(join(storage, 'uploads', 'done', idOf(path))), path).toBe(false);
      expect(kept(join(storage, 'uploads', 'meta', `${idOf(path)}.json`)), path).toBe(false);
      // The upload is gone for its sender too, who is told so if they ask after it.
      const gone = await send(a.server, `/uploads/${idOf(path)}`, { headers: headers(a.server, sam.a) });
      expect(gone.json().error?.reason, path).toBe('upload_gone');
    }
    // The imported one stays, and plays.
    expect(kept(good)).toBe(true);
    const detail = await api<{ recording: { id: number } }>(a.server, sam.a, 'interaction.get', {
      id: byFile.get(good)!.interactionIds[0],
    });
    const media = await send(a.server, `/media/recording/${detail.value.recording.id}`, {
      headers: headers(a.server, sam.a, { Range: 'bytes=0-3' }),
    });
    expect(media.status).toBe(206);
    expect(media.body.toString('latin1')).toBe('OggS');
  });

  it('removes a second upload of a recording already in the library, never the one the library plays', async () => {
    const first = await upload(a.server, sam.a, femaleOgg, 'female-again.ogg');
    const firstStatus = await importOn(a.server, sam.a, [first]);
    // Imported by the test before as another upload: this one is a duplicate.
    expect(firstStatus.outcomes[0]?.outcome).toBe('skipped');
    expect(kept(first)).toBe(false);
    // A recording imported from this very upload: importing that path again skips it and keeps it.
    const own = await upload(a.server, sam.a, join(audioData, 'openai__whisper', 'jfk.flac'));
    expect((await importOn(a.server, sam.a, [own])).outcomes[0]?.outcome).toBe('imported');
    const before = await recordingCount();
    const again = await importOn(b.server, sam.b, [own]);
    expect(again.outcomes[0]?.outcome).toBe('skipped');
    expect(kept(own)).toBe(true);
    expect(await recordingCount()).toBe(before);
  });

  it('keeps a failed upload that another running import was given, until that one is over', async () => {
    const broken = await upload(
      a.server,
      sam.a,
      edge('eshaz__wasm-audio-decoders', 'ogg.vorbis.invalid.mode.count.ogg'),
    );
    const q = a.backend.database.query;
    const other = await q
      .insertInto('import_batches')
      .values({
        started_at: new Date().toISOString(),
        state: 'running',
        request: JSON.stringify({ paths: [join(storage, 'uploads', 'done')] }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const status = await importOn(a.server, sam.a, [broken]);
      expect(status.outcomes[0]?.outcome).toBe('failed');
      expect(kept(broken)).toBe(true);
    } finally {
      await q.updateTable('import_batches').set({ state: 'cancelled' }).where('id', '=', other.id).execute();
    }
    await importOn(a.server, sam.a, [broken]);
    expect(kept(broken)).toBe(false);
  });
});

describe("importing from the administrator's folders only", () => {
  it('offers the folders and browses inside them, leaving out links that lead outside', async () => {
    const top = await api<FolderListing>(a.server, sam.a, 'import.browse', { path: null });
    expect(top.value.entries).toEqual([{ name: 'recorder-share', path: share, folder: true, size: null }]);
    const inside = await api<FolderListing>(a.server, sam.a, 'import.browse', {
      path: join(share, 'november'),
    });
    expect(inside.value).toMatchObject({ parent: share });
    expect(inside.value.entries.map((entry) => entry.name)).toEqual(['jfk.mp3']);
    const files = await api<{ folders: unknown[]; maxUploadBytes: number }>(
      a.server,
      sam.a,
      'import.serverFiles',
      {},
    );
    expect(files.value).toEqual({
      folders: [{ name: 'recorder-share', path: share }],
      maxUploadBytes: LIMIT,
    });
  });

  it('imports a folder of the share, skipping the link that leads out of it', async () => {
    const plan = await api<ImportPlan>(a.server, sam.a, 'import.preview', { paths: [share] });
    expect(plan.ok, JSON.stringify(plan)).toBe(true);
    expect(plan.value.items.map((item) => item.file)).toEqual([join(share, 'november', 'jfk.mp3')]);
  });

  const escapes: [string, () => string, string, RegExp][] = [
    ['a relative path', () => 'november/jfk.mp3', 'invalid_params', /is not a full path on the server/],
    [
      'a path climbing out with ..',
      () => `${share}/../elsewhere/secret.wav`,
      'not_allowed',
      /climbs out of its folder with "\.\."/,
    ],
    [
      'an absolute path elsewhere',
      () => '/etc/passwd',
      'not_allowed',
      /outside the folders this team server imports from/,
    ],
    [
      'a file linked out of the share',
      () => join(share, 'november', 'link-out.wav'),
      'not_allowed',
      /outside the folders/,
    ],
    [
      'a folder linked out of the share',
      () => join(share, 'elsewhere-link'),
      'not_allowed',
      /outside the folders/,
    ],
    ["the server's own data folder", () => a.backend.dataDir, 'not_allowed', /outside the folders/],
  ];
  for (const [what, path, code, message] of escapes) {
    it(`refuses ${what} in an import, a manifest and a browse`, async () => {
      for (const [method, payload] of [
        ['import.preview', { paths: [path()] }],
        ['import.start', { paths: [path()] }],
        ['import.preview', { paths: [join(share, 'november')], manifest: { path: path() } }],
        ['import.browse', { path: path() }],
      ] as const) {
        const answer = await api(a.server, sam.a, method, payload);
        expect(answer.ok, `${method} ${JSON.stringify(payload)}`).toBe(false);
        expect(answer.error.code, method).toBe(code);
        expect(answer.error.message, method).toMatch(message);
      }
    });
  }

  it("reads and writes a mystery-shop import's spreadsheet, mapping and recordings only inside them too", async () => {
    const mapping = { rubric: 1, columns: {} };
    const target = join(outside, 'mapping.json');
    for (const [method, payload] of [
      ['mysteryImport.preview', { path: '/etc/passwd' }],
      ['mysteryImport.loadMapping', { path: join(share, 'november', 'link-out.wav') }],
      ['mysteryImport.dryRun', { path: join(share, 'november', 'jfk.mp3'), mapping, recordings: outside }],
      ['mysteryImport.saveMapping', { path: target, mapping }],
      ['mysteryImport.saveMapping', { path: join(share, 'elsewhere-link', 'mapping.json'), mapping }],
    ] as const) {
      const answer = await api(a.server, sam.a, method, payload);
      expect(answer.error?.code, `${method} ${JSON.stringify(payload)}`).toBe('not_allowed');
      expect(answer.error.message, method).toMatch(/outside the folders this team server imports from/);
    }
    expect(existsSync(target)).toBe(false);
  });

  it('started no batch for any refused path', async () => {
    const batches = await a.backend.database.query.selectFrom('import_files').select('path').execute();
    expect(batches.filter((row) => row.path.includes('elsewhere') || row.path.includes('passwd'))).toEqual(
      [],
    );
    expect(readdirSync(join(storage, 'uploads', 'done')).length).toBeGreaterThan(0);
  });
});

/** A PUT whose connection drops after `bytes`, though it announced `announced`. */
function brokenOff(
  server: TeamServer,
  cookie: string,
  id: string,
  bytes: Buffer,
  announced: number,
): Promise<void> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path: `/uploads/${id}`,
      method: 'PUT',
      headers: headers(server, cookie, {
        'Upload-Offset': '0',
        'Content-Length': String(announced),
      }),
    });
    req.on('error', () => {});
    req.on('close', () => resolve());
    req.write(bytes, () => setTimeout(() => req.destroy(), 200));
  });
}
