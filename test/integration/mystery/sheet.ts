import ExcelJS from 'exceljs';

/** An agency's delivery as Germans write it: German headers, `;`, dd.mm.yyyy, ja/nein/k.A. */
export const GERMAN_HEADERS = [
  'Shop-ID',
  'Datum',
  'Uhrzeit',
  'Kanal',
  'Standort',
  'Gesprächspartner',
  'Szenario',
  'Schnell angenommen',
  'Begrüßung',
  'Bedarf erfragt',
  'Produktwissen',
  'Provokante Frage',
  'Kommentar provokante Frage',
  'Optionen angeboten',
  'Nächster Schritt',
  'Verabschiedung',
  'Wetter',
  'Interne Nr.',
];

export const germanMapping = {
  rubric: 'mystery-call',
  wave: 'Welle 1/2025',
  columns: {
    'Shop-ID': 'shopId',
    Datum: 'date',
    Uhrzeit: 'time',
    Kanal: 'channel',
    Standort: 'team',
    Gesprächspartner: 'answeredBy',
    Szenario: 'scenario',
    'Schnell angenommen': 'item:answered-quickly',
    Begrüßung: 'item:greeting',
    'Bedarf erfragt': 'item:need-asked',
    Produktwissen: 'item:product-knowledge',
    'Provokante Frage': 'item:provocative-question',
    'Kommentar provokante Frage': 'comment:provocative-question',
    'Optionen angeboten': 'item:options-offered',
    'Nächster Schritt': 'item:next-step',
    Verabschiedung: 'item:closing',
    'Interne Nr.': 'ignore',
  },
  values: {
    'item:provocative-question': {
      'ruhig und ehrlich': 'calm-honest',
      ausweichend: 'evasive',
      gereizt: 'irritated-or-dishonest',
    },
  },
};

/** A good row: 'ja' everywhere, knowledge 2, calm and honest → 100 %. */
export function germanRow(n: number, over: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    'Shop-ID': `W1-${String(n).padStart(5, '0')}`,
    Datum: `${String((n % 28) + 1).padStart(2, '0')}.03.2025`,
    Uhrzeit: '10:30',
    Kanal: 'Anruf',
    Standort: 'Berlin',
    Gesprächspartner: 'Frau, Name nicht genannt',
    Szenario: 'Kündigung vor Ablauf',
    'Schnell angenommen': 'ja',
    Begrüßung: 'ja',
    'Bedarf erfragt': 'Ja',
    Produktwissen: '2',
    'Provokante Frage': 'ruhig und ehrlich',
    'Kommentar provokante Frage': '',
    'Optionen angeboten': 'k.A.',
    'Nächster Schritt': 'ja',
    Verabschiedung: 'nein',
    Wetter: 'Regen',
    'Interne Nr.': String(n),
  };
  return GERMAN_HEADERS.map((h) => over[h] ?? base[h]!);
}

export const csv = (rows: string[][], separator = ';') =>
  Buffer.from([GERMAN_HEADERS, ...rows].map((r) => r.join(separator)).join('\r\n'), 'utf8');

export async function xlsx(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Welle 1');
  sheet.addRow(GERMAN_HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}
