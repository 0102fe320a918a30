import { z } from 'zod';
import { EarmarkError } from '../../../../../shared/errors';
import { epochToIso, excelSerialToIso, parseDateTime } from '../dates';
import { normaliseKey, words } from '../json';

// What a manifest row can say about one interaction: defined once in the API contract.
import { manifestFields, type ManifestField, type ManifestMapping } from '../../../../../shared/api';
export { manifestFields };
export type { ManifestField, ManifestMapping };

/**
 * Header names per field (English, German, Finnish lines), compared with case, spaces,
 * punctuation and diacritics ignored ("Start time" = "start_time", "Päivämäärä" = "paivamaara").
 * Fields take columns in manifestFields order; within a field the first synonym found wins.
 */
const SYNONYMS: Record<ManifestField, string[]> = {
  file: words(
    'file, file name, path, file path, recording, recording file, audio, audio file, transcript file, chat file',
    'datei, dateiname, pfad, aufnahme, aufzeichnung, audiodatei',
    'tiedosto, tiedostonimi, polku, äänite, nauhoite, tallenne',
  ),
  agentLegFile: words(
    'agent leg, agent leg file, agent file, agent audio, agent channel file, agent recording',
    'mitarbeiter datei, agent datei, mitarbeiter aufnahme',
    'asiakaspalvelijan tiedosto, agentin tiedosto',
  ),
  customerLegFile: words(
    'customer leg, customer leg file, customer file, caller leg, caller file, customer audio, customer recording',
    'kunde datei, kunden datei, anrufer datei, kunde aufnahme',
    'asiakkaan tiedosto, soittajan tiedosto',
  ),
  agent: words(
    'agent, agent name, operator, advisor, adviser, rep, representative, employee',
    'mitarbeiter, mitarbeiterin, mitarbeitername, berater, beraterin, sachbearbeiter',
    'asiakaspalvelija, agentti, työntekijä, palvelija, myyjä',
  ),
  team: words('team, team name, group', 'gruppe, abteilung', 'tiimi, ryhmä'),
  startedAt: words(
    'started at, start, start time, started, date, date time, timestamp, call date, call time, call start',
    'beginn, startzeit, datum, zeitpunkt, anrufzeit',
    'alkoi, alkuaika, aloitusaika, päivämäärä, ajankohta, aika, pvm',
  ),
  direction: words(
    'direction, call direction, inbound outbound',
    'richtung, anrufrichtung',
    'suunta, puhelun suunta',
  ),
  queue: words('queue, queue name, skill, hotline', 'warteschlange', 'jono, palvelujono'),
  customerRef: words(
    'customer, customer id, customer ref, customer reference, customer number, account, account number',
    'kunde, kundennummer, kunden id, kundenreferenz',
    'asiakas, asiakasnumero, asiakastunnus, asiakas id',
  ),
  // Only names that say it is the customer's verdict: a plain "Rating" or "Score" column is often the
  // agency's own figure, which stays an extra column rather than failing every row.
  customerRating: words(
    'customer rating, customer verdict, customer satisfaction rating',
    'kundenurteil, kundenbewertung',
    'asiakkaan arvosana, asiakkaan arvio, asiakasarvio',
  ),
  externalId: words(
    'id, external id, call id, interaction id, conversation id, contact id, chat id, case id, ticket, ticket id',
    'anruf id, vorgang, vorgangsnummer, fall id',
    'tunniste, tunnus, puhelun tunnus, tapaus',
  ),
  title: words(
    'title, subject, topic, scenario',
    'titel, betreff, thema, szenario, anliegen',
    'otsikko, aihe, skenaario',
  ),
  channel: words('channel, type, media, medium, kind', 'kanal, typ, art', 'kanava, tyyppi'),
};

/** Columns matched to fields by header name; each column serves one field at most. */
export function suggestMapping(columns: readonly string[]): ManifestMapping {
  const mapping: ManifestMapping = {};
  const taken = new Set<string>();
  for (const field of manifestFields) {
    for (const synonym of SYNONYMS[field].map(normaliseKey)) {
      const column = columns.find((c) => !taken.has(c) && normaliseKey(c) === synonym);
      if (column !== undefined) {
        mapping[field] = column;
        taken.add(column);
        break;
      }
    }
  }
  return mapping;
}

export interface ManifestEntry {
  /** The spreadsheet row (header = row 1). */
  row: number;
  file: string;
  agentLegFile: string | null;
  customerLegFile: string | null;
  agent: string | null;
  team: string | null;
  /** ISO 8601 UTC. */
  startedAt: string | null;
  direction: 'inbound' | 'outbound' | null;
  queue: string | null;
  customerRef: string | null;
  customerRating: 'bad' | 'neutral' | 'good' | null;
  externalId: string | null;
  title: string | null;
  channel: 'call' | 'chat' | null;
  /** Columns no field was mapped to, by header: the agency's extra data (scenario notes, scores ...). */
  extra: Record<string, string>;
}

/** Cell values by their normalised form (see normaliseKey: "Lähtevä" = "lahteva"). */
function valueTable<T extends string>(entries: Record<T, string[]>): Record<string, T> {
  const table: Record<string, T> = {};
  for (const [value, list] of Object.entries(entries) as [T, string[]][]) {
    for (const word of list) table[normaliseKey(word)] = value;
  }
  return table;
}

const DIRECTIONS = valueTable<'inbound' | 'outbound'>({
  inbound: words('inbound, in, incoming', 'eingehend, eingang, ein', 'saapuva, tuleva, sisääntuleva'),
  outbound: words('outbound, out, outgoing', 'ausgehend, ausgang, aus', 'lähtevä, soitettu'),
});
const RATINGS = valueTable<'bad' | 'neutral' | 'good'>({
  bad: words(
    'bad, poor, negative, unhappy',
    'schlecht, negativ, unzufrieden',
    'huono, negatiivinen, tyytymätön',
  ),
  neutral: words('neutral, ok, okay, average', 'neutral, mittel, mittelmäßig', 'neutraali, kohtalainen'),
  good: words('good, positive, happy', 'gut, positiv, zufrieden', 'hyvä, positiivinen, tyytyväinen'),
});
const CHANNELS = valueTable<'call' | 'chat'>({
  call: words('call, phone, voice, telephone', 'anruf, telefon, gespräch', 'puhelu, puhelin'),
  chat: words('chat, webchat, live chat, message', 'nachricht', 'keskustelu, viesti'),
});

/** Cells arrive as text; '' means "not given". Each field adds its issue with the value quoted. */
const optionalText = z.string().transform((v) => (v.trim() === '' ? null : v.trim()));

function choice<T extends string>(field: ManifestField, table: Record<string, T>, expected: string) {
  return z.string().transform((v, ctx): T | null => {
    if (v.trim() === '') return null;
    const value = table[normaliseKey(v)];
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `${field} '${v.trim()}' is not ${expected}` });
      return z.NEVER;
    }
    return value;
  });
}

const startedAt = z.string().transform((v, ctx): string | null => {
  const text = v.trim();
  if (text === '') return null;
  const iso = dateOf(text);
  if (iso === null) {
    ctx.addIssue({
      code: 'custom',
      message: `startedAt '${text}' is not a date (expected e.g. 2024-03-10 14:30 or 10.03.2024 14:30)`,
    });
    return z.NEVER;
  }
  return iso;
});

/** Dates as text, plus plain numbers: Excel day serials (XLSX cells without a date format) or epoch time. */
function dateOf(text: string): string | null {
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const n = Number(text);
    return n < 1e6 ? excelSerialToIso(n) : n >= 1e9 ? epochToIso(n) : null;
  }
  return parseDateTime(text);
}

const Fields = z.object({
  file: optionalText,
  agentLegFile: optionalText,
  customerLegFile: optionalText,
  agent: optionalText,
  team: optionalText,
  startedAt,
  direction: choice('direction', DIRECTIONS, 'inbound or outbound'),
  queue: optionalText,
  customerRef: optionalText,
  customerRating: choice('customerRating', RATINGS, 'bad, neutral or good'),
  externalId: optionalText,
  title: optionalText,
  channel: choice('channel', CHANNELS, 'call or chat'),
});

type DetailCellField = 'agent' | 'team' | 'startedAt' | 'direction' | 'queue' | 'customerRef' | 'externalId';

/**
 * Details read from elsewhere (a file name) by the same rules as manifest cells, field by field:
 * a value that is not valid is left out and its problem returned, the others are kept.
 */
export function readDetailCells(cells: Partial<Record<DetailCellField, string>>): {
  values: Partial<Pick<ManifestEntry, DetailCellField>>;
  problems: string[];
} {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [field, text] of Object.entries(cells) as [DetailCellField, string][]) {
    const result = Fields.shape[field].safeParse(text);
    if (result.success) {
      if (result.data !== null) values[field] = result.data;
    } else problems.push(...result.error.issues.map((issue) => issue.message));
  }
  return { values: values as Partial<Pick<ManifestEntry, DetailCellField>>, problems };
}

/**
 * Rules across fields, on the raw cells: zod skips an object's refinements once a field has
 * failed, and the user should see every problem of a row at once.
 */
const Rules = z
  .object({ file: z.string(), agentLegFile: z.string(), customerLegFile: z.string() })
  .superRefine((row, ctx) => {
    if (row.file.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'file is empty (every row needs the file it describes)' });
    }
    const agentLeg = row.agentLegFile.trim() !== '';
    const customerLeg = row.customerLegFile.trim() !== '';
    if (agentLeg !== customerLeg) {
      const [set, empty] = agentLeg
        ? ['agentLegFile', 'customerLegFile']
        : ['customerLegFile', 'agentLegFile'];
      ctx.addIssue({
        code: 'custom',
        message: `${set} is set but ${empty} is empty (a two-leg call needs both)`,
      });
    }
  });

/**
 * Validates mapped rows. Blank rows are skipped; every problem is reported as
 * "Row N: ..." with N the spreadsheet row, and a row with problems yields no entry.
 * A mapping that names a column the table lacks, or has no file column, is a caller error.
 */
export function applyMapping(
  rows: readonly Record<string, string>[],
  mapping: ManifestMapping,
): { entries: ManifestEntry[]; errors: { row: number; message: string }[] } {
  if (mapping.file === undefined) {
    throw new EarmarkError('invalid_params', 'The mapping has no column for file, which every row needs');
  }
  const first = rows[0];
  for (const [field, column] of Object.entries(mapping)) {
    if (first && !Object.hasOwn(first, column)) {
      throw new EarmarkError(
        'invalid_params',
        `The mapping uses column '${column}' for ${field}, but the table has no such column`,
      );
    }
  }
  const mapped = new Set(Object.values(mapping));
  const entries: ManifestEntry[] = [];
  const errors: { row: number; message: string }[] = [];
  const seenFiles = new Map<string, number>();

  rows.forEach((cells, i) => {
    const row = i + 2;
    if (Object.values(cells).every((v) => v.trim() === '')) return;
    const input = Object.fromEntries(
      manifestFields.map((f) => [f, mapping[f] === undefined ? '' : (cells[mapping[f]] ?? '')]),
    );
    const result = Fields.safeParse(input);
    const rules = Rules.safeParse(input);
    const issues = [...(result.error?.issues ?? []), ...(rules.error?.issues ?? [])];
    if (!result.success || issues.length > 0) {
      for (const issue of issues) errors.push({ row, message: `Row ${row}: ${issue.message}` });
      return;
    }
    const file = result.data.file ?? '';
    const earlier = seenFiles.get(file.toLowerCase());
    if (earlier !== undefined) {
      errors.push({ row, message: `Row ${row}: file '${file}' is already listed in row ${earlier}` });
      return;
    }
    seenFiles.set(file.toLowerCase(), row);
    const extra: Record<string, string> = {};
    for (const [column, value] of Object.entries(cells)) {
      if (!mapped.has(column) && value.trim() !== '') extra[column] = value.trim();
    }
    entries.push({ row, ...result.data, file, extra });
  });
  return { entries, errors };
}
