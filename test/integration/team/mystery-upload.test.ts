import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { TeamServer } from '../../../electron/backend/host/team-server';
import type { UploadState } from '../../../electron/backend/team-files/uploads';
import type { MysteryImportReport, MysterySheetPreview } from '../../../shared/api/methods/mystery-import';
import { mappingFileText, MysteryMapping } from '../../../shared/rubric/mystery-mapping';
import { freshPostgresUrl } from '../../support/engines';
import { tempDir } from '../../support/paths';
import { addAccount } from '../accounts/team-fixture';
import { csv, germanMapping, germanRow, xlsx } from '../mystery/sheet';
import { call, cookieFrom, originOf, rendererFolder, send, teamProcess } from './team-host-fixture';

/**
 * A mystery-shop entry person's spreadsheet is on her own computer, not the server's: on a team server
 * she uploads it through the same routes as recordings (limit, checksum, roles), and the import reads
 * the upload. An uploaded sheet no row of which the import took is removed as other uploads are; a
 * sheet in the administrator's folders is never touched.
 */
const PASSWORD = 'a long enough password';
const LIMIT = 256 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
let team: { backend: Backend; server: TeamServer };
let storage: string;
let share: string;
let mia: string;
let lee: string;
let max: string;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  const url = await freshPostgresUrl();
  const renderer = rendererFolder();
  cleanups.push(renderer.cleanup);
  const folders = tempDir('earmark-team-shop-files-');
  cleanups.push(folders.cleanup);
  storage = join(folders.dir, 'storage');
  share = join(folders.dir, 'agency-share');
  mkdirSync(share);
  const started = await teamProcess(url, renderer.dir, {
    files: { storage, importFolders: [share], maxUploadBytes: LIMIT },
  });
  cleanups.push(started.stop);
  team = started;
  await addAccount(team.backend, 'mia', 'mystery_shopper', PASSWORD);
  await addAccount(team.backend, 'lee', 'team_lead', PASSWORD);
  await addAccount(team.backend, 'max', 'mystery_shopper', PASSWORD);
  mia = await login('mia');
  lee = await login('lee');
  max = await login('max');
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function login(username: string): Promise<string> {
  return cookieFrom(await call(team.server, 'session.login', { username, password: PASSWORD }));
}

const headers = (cookie: string, extra: Record<string, string> = {}) => ({
  Origin: originOf(team.server),
  'Sec-Fetch-Site': 'same-origin',
  Cookie: cookie,
  ...extra,
});

const start = (cookie: string, file: { name: string; size: number; sha256?: string }) =>
  send(team.server, '/uploads', {
    method: 'POST',
    headers: headers(cookie, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(file),
  });

const put = (cookie: string, id: string, bytes: Buffer) =>
  send(team.server, `/uploads/${id}`, {
    method: 'PUT',
    headers: headers(cookie, {
      'Content-Type': 'application/octet-stream',
      'Upload-Offset': '0',
      'Content-Length': String(bytes.length),
    }),
    body: bytes,
  });

/** The sheet sent as the import screen sends it (POST, then PUT of its bytes); where the server keeps it. */
async function upload(cookie: string, name: string, bytes: Buffer): Promise<string> {
  const made = await start(cookie, { name, size: bytes.length, sha256: sha256(bytes) });
  expect(made.status, made.text()).toBe(201);
  const { id } = made.json<{ value: UploadState }>().value;
  const sent = await put(cookie, id, bytes);
  expect(sent.status, sent.text()).toBe(200);
  const state = sent.json<{ value: UploadState }>().value;
  if (!state.done) throw new Error(`${name} did not arrive whole: ${sent.text()}`);
  return state.path;
}

async function api<T>(cookie: string, method: string, payload: unknown) {
  const answer = await call(team.server, method, payload, { cookie });
  return answer.json<{ ok: boolean; value: T; error: { code: string; message: string; reason?: string } }>();
}

async function importSheet(cookie: string, path: string): Promise<MysteryImportReport> {
  const preview = await api<MysterySheetPreview>(cookie, 'mysteryImport.preview', { path, language: 'de' });
  expect(preview.ok, JSON.stringify(preview.error)).toBe(true);
  expect(preview.value.columns.map((column) => column.header)).toContain('Shop-ID');
  const run = await api<MysteryImportReport>(cookie, 'mysteryImport.run', { path, mapping: germanMapping });
  expect(run.ok, JSON.stringify(run.error)).toBe(true);
  return run.value;
}

const uploadsKept = () => readdirSync(join(storage, 'uploads', 'done'));

describe('a mystery-shop spreadsheet uploaded to a team server', () => {
  it('imports an uploaded XLSX and keeps it; removes an uploaded CSV none of whose rows was taken', async () => {
    const workbook = await xlsx([germanRow(1), germanRow(2)]);
    const sheet = await upload(mia, 'Welle 1.xlsx', workbook);
    expect(sheet.startsWith(join(storage, 'uploads', 'done'))).toBe(true);
    const first = await importSheet(mia, sheet);
    expect(first.imported.map((shop) => shop.shopId)).toEqual(['W1-00001', 'W1-00002']);
    // Its rows were taken: it stays for "Import again".
    expect(existsSync(sheet)).toBe(true);

    // The same shops once more, as a CSV: all already there, nothing taken, so the upload goes.
    const again = await upload(mia, 'welle1-nochmal.csv', csv([germanRow(1), germanRow(2)]));
    const second = await importSheet(mia, again);
    expect(second.imported).toEqual([]);
    expect(second.skipped.map((shop) => shop.shopId)).toEqual(['W1-00001', 'W1-00002']);
    expect(existsSync(again)).toBe(false);
    expect(existsSync(dirname(again))).toBe(false);
    expect(uploadsKept()).toEqual([dirname(sheet).split('/').pop()]);

    // Every row failing: nothing taken either.
    const broken = await upload(mia, 'kaputt.csv', csv([germanRow(3, { Datum: '31.02.2025' })]));
    const third = await importSheet(mia, broken);
    expect(third.failed).toHaveLength(1);
    expect(existsSync(broken)).toBe(false);
    const shops = await api<{ shopId: string }[]>(mia, 'mystery.list', {});
    expect(shops.value.map((shop) => shop.shopId).sort()).toEqual(['W1-00001', 'W1-00002']);
  });

  it('reads a sheet from the administrator’s folder and never removes it, even when nothing was taken', async () => {
    const inShare = join(share, 'welle1.csv');
    writeFileSync(inShare, csv([germanRow(1)]));
    const report = await importSheet(mia, inShare);
    expect(report.skipped.map((shop) => shop.shopId)).toEqual(['W1-00001']);
    expect(existsSync(inShare)).toBe(true);
  });

  it('keeps a sheet the mapping does not fit, to map it again', async () => {
    const sheet = await upload(mia, 'welle2.csv', csv([germanRow(20)]));
    const refused = await api(mia, 'mysteryImport.run', {
      path: sheet,
      mapping: { ...germanMapping, columns: { ...germanMapping.columns, 'Shop-ID': 'ignore' } },
    });
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toMatch(/no column is mapped to shopId/);
    expect(existsSync(sheet)).toBe(true);
  });

  it('forgets a sheet the screen is done with, when it is the sender’s own upload', async () => {
    const sheet = await upload(mia, 'welle6.csv', csv([germanRow(60)]));
    // Another entry person cannot make the server drop it, nor can it be dropped from a folder.
    const byMax = await api<{ removed: boolean }>(max, 'mysteryImport.forgetSheet', { path: sheet });
    expect(byMax.value).toEqual({ removed: false });
    expect(existsSync(sheet)).toBe(true);
    const inShare = join(share, 'welle6.csv');
    writeFileSync(inShare, csv([germanRow(61)]));
    const folderFile = await api<{ removed: boolean }>(mia, 'mysteryImport.forgetSheet', { path: inShare });
    expect(folderFile.value).toEqual({ removed: false });
    expect(existsSync(inShare)).toBe(true);
    const byLead = await api(lee, 'mysteryImport.forgetSheet', { path: sheet });
    expect(byLead.error.code).toBe('not_allowed');

    const own = await api<{ removed: boolean }>(mia, 'mysteryImport.forgetSheet', { path: sheet });
    expect(own.value).toEqual({ removed: true });
    expect(existsSync(sheet)).toBe(false);
    expect(existsSync(join(storage, 'uploads', 'meta', `${dirname(sheet).split('/').pop()}.json`))).toBe(
      false,
    );
  });

  it('refuses as recordings are refused: over the limit, arriving different, a role that does not enter shops', async () => {
    const big = await start(mia, { name: 'welle-gross.xlsx', size: LIMIT + 1 });
    expect(big.status).toBe(413);
    expect(big.json().error?.reason).toBe('upload_too_big');

    const bytes = csv([germanRow(30)]);
    const made = await start(mia, {
      name: 'welle3.csv',
      size: bytes.length,
      sha256: sha256(Buffer.from('x')),
    });
    const { id } = made.json<{ value: UploadState }>().value;
    const different = await put(mia, id, bytes);
    expect(different.status).toBe(422);
    expect(different.json().error?.reason).toBe('upload_different');
    expect(uploadsKept()).not.toContain(id);

    const byLead = await start(lee, { name: 'welle4.csv', size: bytes.length });
    expect(byLead.status).toBe(403);
    expect(byLead.json().error?.reason).toBe('upload_not_allowed');
    // Nor may the lead read another person's upload as a sheet: the role table refuses it first.
    const sheet = await upload(mia, 'welle5.csv', csv([germanRow(40)]));
    const read = await api(lee, 'mysteryImport.preview', { path: sheet });
    expect(read.ok).toBe(false);
    expect(read.error.code).toBe('not_allowed');
    // And outside the storage and the import folders nothing is read.
    const outside = await api(mia, 'mysteryImport.preview', { path: '/etc/passwd' });
    expect(outside.error.message).toMatch(/outside the folders this team server imports from/);
  });
});

describe('a mapping file (MAPPING.json) on the entry person’s own computer', () => {
  const send = (cookie: string, fileName: string, text: string) =>
    api<MysteryMapping>(cookie, 'mysteryImport.loadMappingText', { fileName, text });

  it('takes the text her browser read from the file, also the file the screen saves for her', async () => {
    const loaded = await send(mia, 'welle1-mapping.json', `\uFEFF${JSON.stringify(germanMapping, null, 2)}`);
    expect(loaded.ok, JSON.stringify(loaded.error)).toBe(true);
    expect(loaded.value).toEqual(MysteryMapping.parse(germanMapping));

    // The screen saves what mappingFileText writes (as `saveMapping` does for the command line).
    const saved = mappingFileText(MysteryMapping.parse({ ...germanMapping, dateOrder: 'dmy' }));
    // What `earmark mystery import --mapping` does with the file: JSON.parse, then the mapping schema.
    expect(MysteryMapping.parse(JSON.parse(saved))).toEqual(
      MysteryMapping.parse({ ...germanMapping, dateOrder: 'dmy' }),
    );
    const again = await send(mia, 'mapping.json', saved);
    expect(again.value).toEqual(MysteryMapping.parse({ ...germanMapping, dateOrder: 'dmy' }));
  });

  it('names what is wrong with a file that is not a mapping, and writes nothing on the server', async () => {
    const before = uploadsKept();
    const cases: [string, string, string, RegExp][] = [
      ['notes.json', 'Shop-ID;Datum\nW1-1;01.03.2025\n', 'mapping_not_json', /^notes\.json is not JSON: /],
      [
        'falsch.json',
        JSON.stringify({ rubric: 'mystery-call', columns: { Datum: 'wann' } }),
        'mapping_not_a_mapping',
        /^falsch\.json is not a mapping: columns\.Datum: unknown target "wann"/,
      ],
      ['leer.json', ' \n', 'mapping_empty', /^leer\.json is empty\.$/],
      [
        'gross.json',
        JSON.stringify({ ...germanMapping, wave: 'x'.repeat(300 * 1024) }),
        'mapping_too_big',
        /^gross\.json is \d+ bytes; a mapping file is at most 262144 bytes\.$/,
      ],
    ];
    for (const [fileName, text, reason, message] of cases) {
      const refused = await send(mia, fileName, text);
      expect(refused.ok, fileName).toBe(false);
      expect(refused.error.code).toBe('invalid_params');
      expect(refused.error.reason, fileName).toBe(reason);
      expect(refused.error.message).toMatch(message);
    }
    expect(uploadsKept()).toEqual(before);
  });

  it('is refused to a role that does not enter shops', async () => {
    const load = await send(lee, 'mapping.json', JSON.stringify(germanMapping));
    expect(load.ok).toBe(false);
    expect(load.error.code).toBe('not_allowed');
  });
});
