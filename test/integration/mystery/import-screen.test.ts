import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { createProfile } from '../evaluations/fixture';
import { evidenceFromFolder } from '../../../electron/backend/services/mystery/import/evidence';
import { importMysteryShops } from '../../../electron/backend/services/mystery/import/run';
import type { MysteryShopSummary } from '../../../shared/api/methods/mystery';
import type {
  MysteryDryRun,
  MysteryImportReport,
  MysterySheetPreview,
} from '../../../shared/api/methods/mystery-import';
import { MysteryMapping } from '../../../shared/rubric/mystery-mapping';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { audioData, tempDir } from '../../support/paths';
import { csv, GERMAN_HEADERS, germanMapping, germanRow } from './sheet';

let backend: Backend;
let cleanup: () => Promise<void>;
const work = tempDir();
// Each test on its own backend: a remembered mapping or an imported shop is not the next test's.
beforeEach(async () => {
  ({ backend, cleanup } = await engineBackend());
  // Importing and reading shops back need an entry role (shared/permissions/mystery.ts).
  await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
});
afterEach(() => cleanup());
afterAll(() => work.cleanup());

const sheetAt = (name: string, rows: string[][]) => {
  const path = join(work.dir, name);
  writeFileSync(path, csv(rows));
  return path;
};
const shops = () => call<MysteryShopSummary[]>(backend, 'mystery.list', {});
const count = async (table: 'recordings' | 'agents') =>
  Number(
    (
      await backend.database.query
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachEngine('the mapping step of the mystery-shop import', () => {
  it('reads the headers, a few values of each column and the first rows', async () => {
    const path = sheetAt('lesen.csv', [germanRow(1), germanRow(2, { Begrüßung: 'nein' }), germanRow(3)]);
    const sheet = await call<MysterySheetPreview>(backend, 'mysteryImport.preview', { path, language: 'de' });
    expect(sheet.columns.map((c) => c.header)).toEqual(GERMAN_HEADERS);
    expect(sheet.columns.find((c) => c.header === 'Begrüßung')!.samples).toEqual(['ja', 'nein']);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.rows[1]!['Shop-ID']).toBe('W1-00002');
    expect(sheet.checklists.map((c) => [c.rubric, c.language])).toContainEqual(['mystery-call', 'de']);
    expect(sheet.remembered).toBe(false);
  });

  it('proposes a mapping for German headers: details, checklist items by title, the comment column', async () => {
    const path = sheetAt('vorschlag.csv', [germanRow(1)]);
    const { mapping } = await call<MysterySheetPreview>(backend, 'mysteryImport.preview', {
      path,
      language: 'de',
    });
    expect(mapping).toMatchObject({ rubric: 'mystery-call', language: 'de' });
    expect(mapping.columns).toEqual({
      ...germanMapping.columns,
      // Columns Earmark has no word for are kept as extra details until the user says otherwise.
      Wetter: 'extra',
      'Interne Nr.': 'extra',
    });
  });

  it('proposes by name in English and Finnish too ("Testkauf-Nr.", "Päivämäärä", item titles)', async () => {
    const path = join(work.dir, 'fi.csv');
    writeFileSync(
      path,
      'Testkauf-Nr.;Päivämäärä;Kellonaika;Skenaario;Tervehdys ja nimi;Product knowledge;Kommentti provosoiva kysymys\nA;1.2.2025;10:00;x;k;2;\n',
    );
    const { mapping } = await call<MysterySheetPreview>(backend, 'mysteryImport.preview', {
      path,
      language: 'fi',
    });
    expect(mapping.columns).toEqual({
      'Testkauf-Nr.': 'shopId',
      Päivämäärä: 'date',
      Kellonaika: 'time',
      Skenaario: 'scenario',
      'Tervehdys ja nimi': 'item:greeting',
      'Product knowledge': 'item:product-knowledge',
      'Kommentti provosoiva kysymys': 'comment:provocative-question',
    });
  });

  it('dry-runs every row without storing anything: what imports, what is there, each problem', async () => {
    const path = sheetAt('probe.csv', [
      germanRow(101),
      germanRow(102, { Datum: '31.02.2025' }),
      germanRow(103, { Begrüßung: 'vielleicht' }),
      germanRow(104, { 'Shop-ID': '' }),
      germanRow(101),
      germanRow(105, { Datum: '3/4/2025' }),
    ]);
    const before = (await shops()).length;
    const dry = await call<MysteryDryRun>(backend, 'mysteryImport.dryRun', { path, mapping: germanMapping });
    expect(dry.rows.map((r) => [r.row, r.shopId, r.outcome, r.column])).toEqual([
      [2, 'W1-00101', 'import', null],
      [3, 'W1-00102', 'fail', 'Datum'],
      [4, 'W1-00103', 'fail', 'Begrüßung'],
      [5, null, 'fail', 'Shop-ID'],
      [6, 'W1-00101', 'fail', 'Shop-ID'],
      [7, 'W1-00105', 'fail', 'Datum'],
    ]);
    expect(dry.rows[1]!.problem).toBe('row 3: column "Datum": "31.02.2025" is not a real date');
    expect(dry.rows[0]!.preview).toEqual({
      occurredAt: '2025-03-18T10:30',
      channel: 'call',
      team: 'Berlin',
      scenario: 'Kündigung vor Ablauf',
      percent: 88.9,
      result: 'pass',
    });
    expect(dry.unknownValues).toEqual([
      { target: 'item:greeting', column: 'Begrüßung', texts: ['vielleicht'] },
    ]);
    expect(dry.ambiguousDates).toBe(true);
    expect((await shops()).length).toBe(before);
    const agents = await count('agents');

    // The values step maps the unknown word and the day/month order: those rows now import.
    const fixed = {
      ...germanMapping,
      dateOrder: 'dmy',
      values: { ...germanMapping.values, 'item:greeting': { vielleicht: 'no' } },
    };
    const again = await call<MysteryDryRun>(backend, 'mysteryImport.dryRun', { path, mapping: fixed });
    expect(again.rows.filter((r) => r.outcome === 'import').map((r) => r.row)).toEqual([2, 4, 7]);
    expect(again.unknownValues).toEqual([]);
    expect(again.ambiguousDates).toBe(false);

    const report = await call<MysteryImportReport>(backend, 'mysteryImport.run', { path, mapping: fixed });
    expect(report.imported.map((r) => r.row)).toEqual([2, 4, 7]);
    expect(await count('agents')).toBe(agents);
    const after = await call<MysteryDryRun>(backend, 'mysteryImport.dryRun', { path, mapping: fixed });
    expect(after.rows.filter((r) => r.outcome === 'skip').map((r) => r.row)).toEqual([2, 4, 7]);
  });

  it('remembers the mapping used for a set of columns and offers it next time', async () => {
    const path = sheetAt('gemerkt.csv', [germanRow(201)]);
    const mapping = {
      ...germanMapping,
      wave: 'Welle 7',
      columns: { ...germanMapping.columns, Wetter: 'ignore' },
    };
    await call(backend, 'mysteryImport.run', { path, mapping });
    // The same columns in another order, in another file.
    const other = join(work.dir, 'gemerkt-2.csv');
    const headers = [...GERMAN_HEADERS].reverse();
    writeFileSync(other, `${headers.join(';')}\n${[...germanRow(202)].reverse().join(';')}\n`);
    const sheet = await call<MysterySheetPreview>(backend, 'mysteryImport.preview', { path: other });
    expect(sheet.remembered).toBe(true);
    expect(sheet.mapping).toEqual(MysteryMapping.parse(mapping));
  });

  it('saves MAPPING.json as the command line reads it, and loads it back', async () => {
    const file = join(work.dir, 'mapping.json');
    const mapping = { ...germanMapping, dateOrder: 'dmy', language: 'de' };
    const saved = await call<{ path: string }>(backend, 'mysteryImport.saveMapping', { path: file, mapping });
    expect(saved.path).toBe(file);
    // What `earmark mystery import --mapping` does with the file: JSON.parse, then the mapping schema.
    const asCliReads = MysteryMapping.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(asCliReads).toEqual(MysteryMapping.parse(mapping));
    expect(await call(backend, 'mysteryImport.loadMapping', { path: file })).toEqual(asCliReads);
  });

  it('names the problem with a mapping file or a sheet that cannot be read', async () => {
    const bad = join(work.dir, 'bad-mapping.json');
    writeFileSync(bad, JSON.stringify({ rubric: 'mystery-call', columns: { Datum: 'wann' } }));
    const reply = await backend.dispatch('mysteryImport.loadMapping', { path: bad });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toMatch(
      /is not a mapping: columns\.Datum: unknown target "wann"/,
    );
    const missing = await backend.dispatch('mysteryImport.preview', { path: join(work.dir, 'nope.csv') });
    expect(!missing.ok && missing.error.message).toMatch(/nope\.csv: there is no such file/);
    const noFolder = await backend.dispatch('mysteryImport.dryRun', {
      path: sheetAt('ordner.csv', [germanRow(301)]),
      mapping: germanMapping,
      recordings: join(work.dir, 'no-such-folder'),
    });
    expect(!noFolder.ok && noFolder.error.message).toMatch(/recordings: there is no folder/);
    const relative = await backend.dispatch('mysteryImport.saveMapping', {
      path: 'mapping.json',
      mapping: germanMapping,
    });
    expect(!relative.ok && relative.error.message).toMatch(/must be a full path/);
    const device = await backend.dispatch('mysteryImport.preview', { path: '/dev/zero' });
    expect(!device.ok && device.error.message).toMatch(/\/dev\/zero is not a file/);
  });
});

describeEachEngine('recordings of rows that fail', () => {
  it('are not imported: a row and its recording go in together or not at all', async () => {
    const folder = join(work.dir, 'aufnahmen');
    mkdirSync(folder);
    copyFileSync(join(audioData, 'ggerganov__whisper.cpp', 'jfk.mp3'), join(folder, 'W1-00401.mp3'));
    copyFileSync(
      join(audioData, 'Azure-Samples__cognitive-services-speech-sdk', 'whatstheweatherlike-mulaw.wav'),
      join(folder, 'W1-00402.wav'),
    );
    const before = await count('recordings');
    const report = await importMysteryShops(backend.database, {
      fileName: 'welle4.csv',
      bytes: csv([germanRow(401), germanRow(402, { Begrüßung: 'vielleicht' })]),
      mapping: germanMapping,
      findEvidence: evidenceFromFolder(backend.database.query, backend.imports, folder),
    });
    expect(report.imported.map((r) => r.shopId)).toEqual(['W1-00401']);
    expect(report.failed.map((r) => [r.row, r.column])).toEqual([[3, 'Begrüßung']]);
    // Only the good row's recording reached the library.
    expect(await count('recordings')).toBe(before + 1);
    const paths = (await backend.database.query.selectFrom('recordings').select('path').execute()).map(
      (r) => r.path,
    );
    expect(paths.some((p) => p.endsWith('W1-00402.wav'))).toBe(false);
    const imported = (await shops()).find((s) => s.shopId === 'W1-00401')!;
    expect(imported.evidence.recordingId).not.toBeNull();
  });
});
