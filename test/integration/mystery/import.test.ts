import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { importMysteryShops } from '../../../electron/backend/services/mystery/import/run';
import type { MysteryShopDetail, MysteryShopSummary } from '../../../shared/api/methods/mystery';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { createProfile } from '../evaluations/fixture';
import { csv, germanMapping, germanRow, xlsx } from './sheet';

let backend: Backend;
let cleanup: () => Promise<void>;
// Each test on its own backend: what one imports is not there for the next.
beforeEach(async () => {
  ({ backend, cleanup } = await engineBackend());
  // Reading shops back needs a role that may see them.
  await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
});
afterEach(() => cleanup());

const run = (bytes: Buffer, mapping: unknown = germanMapping, fileName = 'welle1.csv') =>
  importMysteryShops(backend.database, { fileName, bytes, mapping });
const shops = () => call<MysteryShopSummary[]>(backend, 'mystery.list', {});

describeEachEngine('importing an agency spreadsheet', () => {
  const broken = [
    germanRow(1),
    germanRow(2, { Produktwissen: '1', 'Provokante Frage': 'ausweichend', Verabschiedung: 'ja' }),
    germanRow(3, { Datum: '31.02.2025' }),
    germanRow(4, { Begrüßung: 'vielleicht' }),
    germanRow(5, { 'Provokante Frage': 'gereizt' }),
    germanRow(6, { Produktwissen: '5' }),
    germanRow(7, { Kanal: 'Brieftaube' }),
    germanRow(1, { Standort: 'Hamburg' }),
    germanRow(8, {
      'Provokante Frage': 'gereizt',
      'Kommentar provokante Frage': 'Sagte, es gebe keine Gebühr.',
    }),
    germanRow(9, { Datum: '3/4/2025' }),
  ];

  it('imports the good rows, scored, and names row, shop id, column and problem for the others', async () => {
    const report = await run(csv(broken));
    expect(report.imported.map((r) => [r.row, r.shopId])).toEqual([
      [2, 'W1-00001'],
      [3, 'W1-00002'],
      [10, 'W1-00008'],
    ]);
    expect(report.skipped).toEqual([]);
    expect(report.failed.map((f) => [f.row, f.shopId, f.column])).toEqual([
      [4, 'W1-00003', 'Datum'],
      [5, 'W1-00004', 'Begrüßung'],
      [6, 'W1-00005', null],
      [7, 'W1-00006', 'Produktwissen'],
      [8, 'W1-00007', 'Kanal'],
      [9, 'W1-00001', 'Shop-ID'],
      [11, 'W1-00009', 'Datum'],
    ]);
    const errors = report.failed.map((f) => f.error);
    expect(errors[0]).toBe('row 4: column "Datum": "31.02.2025" is not a real date');
    expect(errors[1]).toMatch(
      /row 5: column "Begrüßung": "vielleicht" is not an answer to .*expected yes or no/,
    );
    expect(errors[2]).toMatch(
      /row 6: Shop "W1-00005" is not complete \(a comment is required on: provocative-question\)/,
    );
    expect(errors[3]).toMatch(/"5" for .*above the item's maximum 2/);
    expect(errors[4]).toMatch(/"Brieftaube" is not a channel/);
    expect(errors[5]).toBe('row 9: shop "W1-00001" is also on row 2');
    expect(errors[6]).toMatch(/could be day\/month or month\/day: set "dateOrder"/);

    const list = await shops();
    expect(
      list.map((s) => [s.shopId, s.occurredAt, s.channel, s.team, s.percent, s.result, s.status]),
    ).toEqual([
      // Points: 10 possible, options n.a. → 9. Row 2: closing no → 8/9. Row 3: knowledge 1, evasive → 7/9.
      ['W1-00001', '2025-03-02T10:30', 'call', 'Berlin', 88.9, 'pass', 'submitted'],
      ['W1-00002', '2025-03-03T10:30', 'call', 'Berlin', 77.8, 'belowTarget', 'submitted'],
      // Provocative question failed (0 of 2), closing no: 6/9; nothing is critical in the checklist.
      ['W1-00008', '2025-03-09T10:30', 'call', 'Berlin', 66.7, 'belowTarget', 'submitted'],
    ]);
    const one = await call<MysteryShopDetail>(backend, 'mystery.get', { id: list[0]!.id });
    expect(one).toMatchObject({
      wave: 'Welle 1/2025',
      answeredBy: 'Frau, Name nicht genannt',
      scenario: 'Kündigung vor Ablauf',
    });
    // Unmapped columns are kept as extra details; ignored ones are not.
    expect(one.extra).toEqual({ Wetter: 'Regen' });
    expect(one.audit.map((a) => a.action)).toEqual(['imported']);
    const eight = await call<MysteryShopDetail>(backend, 'mystery.get', { id: list[2]!.id });
    expect(eight.answers.find((a) => a.itemId === 'provocative-question')!.comment).toBe(
      'Sagte, es gebe keine Gebühr.',
    );
  });

  it('adds nothing when the same file comes again, and only what was missing from a corrected file', async () => {
    await run(csv(broken));
    const again = await run(csv(broken));
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => s.shopId)).toEqual(['W1-00001', 'W1-00002', 'W1-00008']);
    expect((await shops()).length).toBe(3);

    const corrected = broken.map((row, i) =>
      i === 2 ? germanRow(3) : i === 9 ? germanRow(9, { Datum: '3/14/2025' }) : row,
    );
    const third = await run(csv(corrected));
    expect(third.imported.map((r) => r.shopId)).toEqual(['W1-00003', 'W1-00009']);
    expect(third.skipped.map((s) => s.shopId)).toEqual(['W1-00001', 'W1-00002', 'W1-00008']);
    expect((await shops()).find((s) => s.shopId === 'W1-00009')!.occurredAt).toBe('2025-03-14T10:30');
  });

  it('reads XLSX, commas, ISO and US dates, English and Finnish words', async () => {
    const mapping = { ...germanMapping, dateOrder: 'mdy' };
    const sheet = await xlsx([
      germanRow(101, { Datum: '2025-03-14', Begrüßung: 'kyllä', 'Bedarf erfragt': 'ei', Kanal: 'chat' }),
      germanRow(102, {
        Datum: '4/3/2025',
        Uhrzeit: '9.05',
        Begrüßung: 'yes',
        Kanal: 'sähköposti',
        'Optionen angeboten': 'ei koske',
      }),
    ]);
    const report = await run(sheet, mapping, 'wave1.xlsx');
    expect(report.failed).toEqual([]);
    const list = await shops();
    const pick = (id: string) => list.find((s) => s.shopId === id)!;
    expect([pick('W1-00101').occurredAt, pick('W1-00101').channel, pick('W1-00101').percent]).toEqual([
      '2025-03-14T10:30',
      'chat',
      77.8,
    ]);
    expect([pick('W1-00102').occurredAt, pick('W1-00102').channel]).toEqual(['2025-04-03T09:05', 'email']);

    const commas = await run(
      csv([germanRow(103, { Datum: '2025-03-15', Gesprächspartner: 'Herr Meier' })], ','),
      mapping,
    );
    expect(commas.imported.map((r) => r.shopId)).toEqual(['W1-00103']);
  });

  it('refuses a mapping that does not fit the file, naming the problem', async () => {
    await expect(
      run(csv([germanRow(200)]), { ...germanMapping, rubric: 'courtesy-competence' }),
    ).rejects.toThrow(/not a mystery-shop checklist/);
    const { Verabschiedung: _closing, ...columns } = germanMapping.columns;
    await expect(run(csv([germanRow(200)]), { ...germanMapping, columns })).rejects.toThrow(
      /no column is mapped to the checklist item\(s\) item:closing/,
    );
    await expect(
      run(csv([germanRow(200)]), { ...germanMapping, columns: { ...germanMapping.columns, Ort: 'team' } }),
    ).rejects.toThrow(/no column "Ort" in the file/);
    await expect(
      run(csv([germanRow(200)]), {
        ...germanMapping,
        columns: { ...germanMapping.columns, Wetter: 'weather' },
      }),
    ).rejects.toThrow(/unknown target "weather"/);
    expect((await shops()).some((s) => s.shopId === 'W1-00200')).toBe(false);
  });

  it('fails only the row whose shop id another import stored meanwhile, naming it, and imports the rest', async () => {
    const report = await importMysteryShops(backend.database, {
      fileName: 'welle1.csv',
      bytes: csv([germanRow(11), germanRow(12), germanRow(13)]),
      mapping: germanMapping,
      // Called after the rows are checked and before they are written: the chunk's fast insert then
      // meets the stored shop id and the chunk is done again row by row.
      findEvidence: async () => {
        await run(csv([germanRow(12)]), germanMapping, 'andere.csv');
        return new Map();
      },
    });
    expect(report.imported.map((r) => [r.row, r.shopId])).toEqual([
      [2, 'W1-00011'],
      [4, 'W1-00013'],
    ]);
    expect(report.failed.map((f) => [f.row, f.shopId, f.column])).toEqual([[3, 'W1-00012', null]]);
    expect(report.failed[0]!.error).toMatch(/^row 3: .+/);
    const stored = await shops();
    expect(stored.map((s) => s.shopId).sort()).toEqual(['W1-00011', 'W1-00012', 'W1-00013']);
    for (const shop of stored) {
      const detail = await call<MysteryShopDetail>(backend, 'mystery.get', { id: shop.id });
      expect(detail.audit.map((a) => a.action)).toEqual(['imported']);
    }
  });
});
