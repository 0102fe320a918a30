import { describe, expect, it } from 'vitest';
import {
  applyMapping,
  manifestFields,
  readTable,
  suggestMapping,
} from '../../../electron/backend/import/formats';
import { EarmarkError } from '../../../shared/errors';
import { fixtureBytes, invalidMessageAsync, makeXlsx } from './helpers';

/** Zone-less dates are local time; the expectations are built the same way so any TZ passes. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) =>
  new Date(y, mo - 1, d, h, mi, s).toISOString();

describe('readTable', () => {
  it('CSV with a comma, blank rows kept so that row numbers match the spreadsheet', async () => {
    const table = await readTable(fixtureBytes('manifest.csv'));
    expect(table.columns).toEqual([
      'File',
      'Agent',
      'Team',
      'Start time',
      'Direction',
      'Queue',
      'Customer ID',
      'Call ID',
      'Channel',
      'Score',
    ]);
    expect(table.rows).toHaveLength(4 + 1);
    expect(table.rows[0]).toMatchObject({ File: 'calls/call-001.wav', Agent: 'Anna Berg', Score: '87' });
    expect(Object.values(table.rows[2] ?? {}).every((v) => v === '')).toBe(true);
  });

  it('German CSV: semicolons, BOM, CRLF and a quoted line break', async () => {
    const table = await readTable(fixtureBytes('manifest-de.csv'));
    expect(table.columns).toEqual([
      'Datei',
      'Mitarbeiter',
      'Team',
      'Beginn',
      'Richtung',
      'Warteschlange',
      'Kundennummer',
      'Bemerkung',
    ]);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0]).toMatchObject({
      Mitarbeiter: 'Jürgen Müller',
      Bemerkung: 'Kunde war\r\nsehr freundlich',
    });
  });

  it('Finnish tab-separated export', async () => {
    const table = await readTable(fixtureBytes('manifest-fi.tsv'));
    expect(table.columns[1]).toBe('Asiakaspalvelija');
    expect(table.rows[1]).toMatchObject({ Suunta: 'lähtevä', Tiedosto: 'puhelu-2.wav' });
  });

  it('Windows-1252 CSV from an old Excel', async () => {
    const table = await readTable(fixtureBytes('manifest-cp1252.csv'));
    expect(table.rows[0]).toEqual({
      Datei: 'anruf-03.wav',
      Mitarbeiter: 'Jürgen Müller',
      Beginn: '12.03.2024 10:00',
    });
  });

  it('UTF-16 with BOM (Excel "Unicode text")', async () => {
    const text = '\uFEFFDatei\tMitarbeiter\nx.wav\tJürgen\n';
    const table = await readTable({ fileName: 'u.txt', bytes: Buffer.from(text, 'utf16le') });
    expect(table.rows).toEqual([{ Datei: 'x.wav', Mitarbeiter: 'Jürgen' }]);
  });

  it('names headerless and duplicate columns', async () => {
    const table = await readTable({ fileName: 'x.csv', bytes: Buffer.from('File,,File\na,b,c,d\n') });
    expect(table.columns).toEqual(['File', 'Column B', 'File (2)', 'Column D']);
    expect(table.rows[0]).toEqual({ File: 'a', 'Column B': 'b', 'File (2)': 'c', 'Column D': 'd' });
  });

  it('XLSX (first sheet): dates as wall-clock ISO, numbers as text, rich text and formulas', async () => {
    const bytes = await makeXlsx([
      ['Datei', 'Mitarbeiter', 'Beginn', 'Dauer', 'Team'],
      [
        'a.wav',
        { richText: [{ text: 'Jür' }, { text: 'gen' }] },
        new Date(Date.UTC(2024, 2, 10, 14, 30)),
        95,
        'Nord',
      ],
      [],
      ['b.wav', 'Petra', new Date(Date.UTC(2024, 2, 11)), { formula: '1+1', result: 2 }, null],
    ]);
    const table = await readTable({ fileName: 'm.xlsx', bytes });
    expect(table.columns).toEqual(['Datei', 'Mitarbeiter', 'Beginn', 'Dauer', 'Team']);
    expect(table.rows).toEqual([
      { Datei: 'a.wav', Mitarbeiter: 'Jürgen', Beginn: '2024-03-10T14:30:00', Dauer: '95', Team: 'Nord' },
      { Datei: '', Mitarbeiter: '', Beginn: '', Dauer: '', Team: '' },
      { Datei: 'b.wav', Mitarbeiter: 'Petra', Beginn: '2024-03-11', Dauer: '2', Team: '' },
    ]);
  });

  it('refuses empty, headerless, .xls and damaged workbooks', async () => {
    expect(await invalidMessageAsync(() => readTable({ fileName: 'e.csv', bytes: Buffer.alloc(0) }))).toBe(
      'e.csv: the file is empty',
    );
    expect(
      await invalidMessageAsync(() => readTable({ fileName: 'e.csv', bytes: Buffer.from('\n\n') })),
    ).toBe('e.csv: the file is empty');
    expect(
      await invalidMessageAsync(() => readTable({ fileName: 'h.csv', bytes: Buffer.from(',,\na,b,c\n') })),
    ).toBe('h.csv: has no header row (row 1 must name the columns)');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await invalidMessageAsync(() => readTable({ fileName: 'old.xls', bytes: xls }))).toBe(
      'old.xls: is an old Excel (.xls) workbook, which Earmark cannot read; save it as .xlsx or CSV',
    );
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    expect(await invalidMessageAsync(() => readTable({ fileName: 'bad.xlsx', bytes: zip }))).toMatch(
      /^bad\.xlsx: looks like an Excel workbook but cannot be opened \(.+\)$/,
    );
  });
});

describe('suggestMapping', () => {
  it('English headers', () => {
    expect(
      suggestMapping([
        'File',
        'Agent',
        'Team',
        'Start time',
        'Direction',
        'Queue',
        'Customer ID',
        'Call ID',
        'Channel',
        'Score',
      ]),
    ).toEqual({
      file: 'File',
      agent: 'Agent',
      team: 'Team',
      startedAt: 'Start time',
      direction: 'Direction',
      queue: 'Queue',
      customerRef: 'Customer ID',
      externalId: 'Call ID',
      channel: 'Channel',
    });
  });

  it('German headers', () => {
    expect(
      suggestMapping([
        'Datei',
        'Mitarbeiter',
        'Team',
        'Beginn',
        'Richtung',
        'Warteschlange',
        'Kundennummer',
        'Bemerkung',
      ]),
    ).toEqual({
      file: 'Datei',
      agent: 'Mitarbeiter',
      team: 'Team',
      startedAt: 'Beginn',
      direction: 'Richtung',
      queue: 'Warteschlange',
      customerRef: 'Kundennummer',
    });
  });

  it('Finnish headers, with and without diacritics', () => {
    expect(
      suggestMapping(['Tiedosto', 'Asiakaspalvelija', 'Tiimi', 'Alkoi', 'Suunta', 'Jono', 'Asiakasnumero']),
    ).toEqual({
      file: 'Tiedosto',
      agent: 'Asiakaspalvelija',
      team: 'Tiimi',
      startedAt: 'Alkoi',
      direction: 'Suunta',
      queue: 'Jono',
      customerRef: 'Asiakasnumero',
    });
    expect(suggestMapping(['Paivamaara', 'Ryhmä'])).toEqual({ startedAt: 'Paivamaara', team: 'Ryhmä' });
  });

  it('two-leg columns and case/spacing variants; each column used once', () => {
    expect(
      suggestMapping(['agent_leg_file', 'CUSTOMER-LEG', 'recording', 'started_at', 'Subject', 'ID']),
    ).toEqual({
      agentLegFile: 'agent_leg_file',
      customerLegFile: 'CUSTOMER-LEG',
      file: 'recording',
      startedAt: 'started_at',
      title: 'Subject',
      externalId: 'ID',
    });
  });

  it('lists every field', () => {
    expect(manifestFields).toEqual([
      'file',
      'agentLegFile',
      'customerLegFile',
      'agent',
      'team',
      'startedAt',
      'direction',
      'queue',
      'customerRef',
      'customerRating',
      'externalId',
      'title',
      'channel',
    ]);
  });
});

describe('applyMapping', () => {
  it('English CSV: valid rows become entries, blank rows are skipped, bad rows report every problem', async () => {
    const table = await readTable(fixtureBytes('manifest.csv'));
    const { entries, errors } = applyMapping(table.rows, suggestMapping(table.columns));
    expect(entries).toEqual([
      {
        row: 2,
        file: 'calls/call-001.wav',
        agentLegFile: null,
        customerLegFile: null,
        agent: 'Anna Berg',
        team: 'Team North',
        startedAt: local(2024, 3, 10, 14, 30),
        direction: 'inbound',
        queue: 'billing',
        customerRef: 'C-1',
        customerRating: null,
        externalId: 'X-1',
        title: null,
        channel: 'call',
        extra: { Score: '87' },
      },
      expect.objectContaining({
        row: 3,
        startedAt: '2024-03-10T15:00:00.000Z',
        direction: 'outbound',
        extra: {},
      }),
      expect.objectContaining({
        row: 5,
        file: 'chats/chat-003.json',
        channel: 'chat',
        startedAt: null,
        direction: null,
      }),
    ]);
    expect(errors).toEqual([
      {
        row: 6,
        message:
          "Row 6: startedAt 'yesterday' is not a date (expected e.g. 2024-03-10 14:30 or 10.03.2024 14:30)",
      },
      { row: 6, message: "Row 6: direction 'sideways' is not inbound or outbound" },
      { row: 6, message: "Row 6: channel 'fax' is not call or chat" },
    ]);
  });

  it('German CSV: DD.MM.YYYY dates and eingehend/ausgehend', async () => {
    const table = await readTable(fixtureBytes('manifest-de.csv'));
    const { entries, errors } = applyMapping(table.rows, suggestMapping(table.columns));
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.file, e.agent, e.startedAt, e.direction, e.customerRef])).toEqual([
      ['anruf-01.wav', 'Jürgen Müller', local(2024, 3, 10, 14, 30), 'inbound', 'K-100'],
      ['anruf-02.wav', 'Petra Schmidt', local(2024, 3, 11, 9, 5), 'outbound', 'K-101'],
    ]);
    expect(entries[0]?.extra).toEqual({ Bemerkung: 'Kunde war\r\nsehr freundlich' });
  });

  it('Finnish TSV: "10.3.2024 klo 14.30" and saapuva/lähtevä', async () => {
    const table = await readTable(fixtureBytes('manifest-fi.tsv'));
    const { entries, errors } = applyMapping(table.rows, suggestMapping(table.columns));
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.startedAt, e.direction])).toEqual([
      [local(2024, 3, 10, 14, 30), 'inbound'],
      [local(2024, 3, 11, 8, 0), 'outbound'],
    ]);
  });

  it('XLSX: date cells, Excel serials in number cells, two-leg calls', async () => {
    const bytes = await makeXlsx([
      ['File', 'Agent leg', 'Customer leg', 'Started at', 'Direction'],
      ['call-1', 'call-1-agent.wav', 'call-1-caller.wav', new Date(Date.UTC(2024, 2, 10, 14, 30)), 'in'],
      ['call-2.wav', null, null, 45361.5, 'out'],
      ['call-3.wav', 'call-3-agent.wav', null, '31.02.2024 10:00', 'incoming'],
    ]);
    const table = await readTable({ fileName: 'm.xlsx', bytes });
    const { entries, errors } = applyMapping(table.rows, suggestMapping(table.columns));
    expect(
      entries.map((e) => [e.row, e.file, e.agentLegFile, e.customerLegFile, e.startedAt, e.direction]),
    ).toEqual([
      [2, 'call-1', 'call-1-agent.wav', 'call-1-caller.wav', local(2024, 3, 10, 14, 30), 'inbound'],
      [3, 'call-2.wav', null, null, local(2024, 3, 10, 12, 0), 'outbound'],
    ]);
    expect(errors).toEqual([
      {
        row: 4,
        message:
          "Row 4: startedAt '31.02.2024 10:00' is not a date (expected e.g. 2024-03-10 14:30 or 10.03.2024 14:30)",
      },
      {
        row: 4,
        message: 'Row 4: agentLegFile is set but customerLegFile is empty (a two-leg call needs both)',
      },
    ]);
  });

  it('customer rating: its column found in three languages, its words read, a bad value named by row', () => {
    expect(suggestMapping(['File', 'Customer rating', 'Rating', 'Score'])).toEqual({
      file: 'File',
      customerRating: 'Customer rating',
    });
    expect(suggestMapping(['Datei', 'Kundenurteil'])).toMatchObject({ customerRating: 'Kundenurteil' });
    expect(suggestMapping(['Tiedosto', 'Asiakkaan arvosana'])).toMatchObject({
      customerRating: 'Asiakkaan arvosana',
    });
    const rows = [
      { F: 'a.wav', R: 'good' },
      { F: 'b.wav', R: 'Schlecht' },
      { F: 'c.wav', R: 'neutraali' },
      { F: 'd.wav', R: '' },
      { F: 'e.wav', R: '4' },
      { F: 'f.wav', R: 'excellent' },
      { F: 'g.wav', R: ' HYVÄ ' },
    ];
    const { entries, errors } = applyMapping(rows, { file: 'F', customerRating: 'R' });
    expect(entries.map((e) => [e.file, e.customerRating])).toEqual([
      ['a.wav', 'good'],
      ['b.wav', 'bad'],
      ['c.wav', 'neutral'],
      ['d.wav', null],
      ['g.wav', 'good'],
    ]);
    expect(errors).toEqual([
      { row: 6, message: "Row 6: customerRating '4' is not bad, neutral or good" },
      { row: 7, message: "Row 7: customerRating 'excellent' is not bad, neutral or good" },
    ]);
  });

  it('missing file, duplicate file', () => {
    const rows = [
      { F: 'a.wav', A: 'x' },
      { F: '', A: 'y' },
      { F: 'A.WAV', A: 'z' },
    ];
    expect(applyMapping(rows, { file: 'F', agent: 'A' }).errors).toEqual([
      { row: 3, message: 'Row 3: file is empty (every row needs the file it describes)' },
      { row: 4, message: "Row 4: file 'A.WAV' is already listed in row 2" },
    ]);
  });

  it('refuses a mapping without file or with an unknown column', () => {
    expect(() => applyMapping([{ F: 'a' }], {})).toThrow(
      new EarmarkError('invalid_params', 'The mapping has no column for file, which every row needs'),
    );
    expect(() => applyMapping([{ F: 'a' }], { file: 'F', agent: 'Agent' })).toThrow(
      "The mapping uses column 'Agent' for agent, but the table has no such column",
    );
  });
});
