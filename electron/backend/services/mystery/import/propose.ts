import type { MysteryMapping } from '../../../../../shared/rubric/mystery-mapping';

export interface ChecklistItemNames {
  id: string;
  /** The item's titles, in every language known (a built-in checklist has three). */
  titles: string[];
}

/** Header words for the plain targets, in English, German and Finnish (compared after normalising). */
const PLAIN: Record<string, string[]> = {
  shopId: [
    'shop id',
    'shop',
    'shop no',
    'shop number',
    'mystery shop',
    'mystery shop id',
    'id',
    'testkauf',
    'testkauf nr',
    'testkauf id',
    'testkaufnummer',
    'testkauf nummer',
    'testanruf nr',
    'haamuasiointi',
    'haamuasiointi id',
    'haamuasioinnin tunnus',
    'haamuasioinnin nro',
    'tunnus',
  ],
  date: ['date', 'day', 'datum', 'tag', 'päivä', 'päivämäärä', 'pvm'],
  time: ['time', 'time of day', 'uhrzeit', 'zeit', 'kellonaika', 'aika', 'klo'],
  occurredAt: [
    'date and time',
    'datetime',
    'datum und uhrzeit',
    'zeitpunkt',
    'ajankohta',
    'päivämäärä ja aika',
  ],
  team: ['team', 'location', 'branch', 'standort', 'filiale', 'tiimi', 'toimipiste', 'sijainti'],
  agent: ['agent', 'agentti'],
  channel: ['channel', 'kanal', 'kanava'],
  scenario: ['scenario', 'szenario', 'skenaario'],
  answeredBy: [
    'answered by',
    'who answered',
    'contact person',
    'gesprächspartner',
    'wer hat geantwortet',
    'angenommen von',
    'vastaaja',
    'kuka vastasi',
    'vastasi',
  ],
  evidenceFile: ['recording', 'file', 'audio', 'aufnahme', 'datei', 'tallenne', 'tiedosto'],
  notes: [
    'notes',
    'note',
    'remarks',
    'notizen',
    'notiz',
    'bemerkung',
    'bemerkungen',
    'anmerkungen',
    'muistiinpanot',
    'huomiot',
  ],
};

/** Agencies' own words for the built-in checklist's items, beside its titles. */
const ITEM_WORDS: Record<string, string[]> = {
  'answered-quickly': [
    'answered quickly',
    'quick answer',
    'schnell angenommen',
    'annahme',
    'vastattiin nopeasti',
  ],
  greeting: ['greeting', 'begrüßung', 'tervehdys'],
  'need-asked': ['need', 'needs', 'bedarf', 'bedarfsanalyse', 'tarve', 'tarvekartoitus'],
  'product-knowledge': ['product knowledge', 'produktwissen', 'produktkenntnis', 'tuotetuntemus'],
  'provocative-question': ['provocative question', 'provokante frage', 'provosoiva kysymys'],
  'options-offered': ['options', 'options offered', 'optionen', 'optionen angeboten', 'vaihtoehdot'],
  'next-step': ['next step', 'nächster schritt', 'abschluss', 'seuraava askel'],
  closing: ['closing', 'farewell', 'verabschiedung', 'gesprächsabschluss', 'lopetus', 'hyvästely'],
};

const COMMENT = /\b(comment|comments|kommentar|kommentare|begründung|kommentti|perustelu)\b/;

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const words = (text: string) =>
  normal(text)
    .split(' ')
    .filter((w) => w.length > 2);

/** Two words are alike when one begins the other or they share a long beginning (Produktwissen, Produktkenntnis). */
function alike(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return Math.min(a.length, b.length) >= 4;
  let shared = 0;
  while (shared < a.length && a[shared] === b[shared]) shared++;
  return shared >= 6;
}

/** How well a header names an item: 1 for a name, else the share of the header's words found in one. */
function itemScore(header: string, names: string[]): number {
  const h = normal(header);
  if (names.some((n) => normal(n) === h)) return 1;
  const hw = words(header);
  if (hw.length === 0) return 0;
  let best = 0;
  for (const name of names) {
    const nw = words(name);
    const hits = hw.filter((w) => nw.some((n) => alike(w, n))).length;
    best = Math.max(best, hits / hw.length);
  }
  return best * 0.9;
}

/**
 * A first mapping for a sheet: headers matched by name (English, German, Finnish) to the details,
 * checklist items by their titles, a "comment" column to its item's comment; everything else is kept
 * as an extra detail. The user confirms or changes it in the mapping step.
 */
export function proposeMapping(
  headers: string[],
  checklist: { rubric: string | number; language: string; items: ChecklistItemNames[] },
): MysteryMapping {
  const columns: Record<string, string> = {};
  const taken = new Set<string>();
  const rest: string[] = [];
  for (const header of headers) {
    const h = normal(header);
    const plain = Object.entries(PLAIN).find(([target, names]) => !taken.has(target) && names.includes(h));
    if (plain) {
      columns[header] = plain[0];
      taken.add(plain[0]);
    } else rest.push(header);
  }
  // Items: the best-named pairs first, each item and each header once.
  const pairs: { header: string; target: string; score: number }[] = [];
  for (const header of rest) {
    const comment = COMMENT.test(normal(header));
    for (const item of checklist.items) {
      const score = itemScore(header, [
        item.id.replace(/-/g, ' '),
        ...item.titles,
        ...(ITEM_WORDS[item.id] ?? []),
      ]);
      if (score >= 0.45) pairs.push({ header, target: `${comment ? 'comment' : 'item'}:${item.id}`, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  for (const { header, target } of pairs) {
    if (columns[header] !== undefined || taken.has(target)) continue;
    columns[header] = target;
    taken.add(target);
  }
  for (const header of headers) columns[header] ??= 'extra';
  return { rubric: checklist.rubric, language: checklist.language, wave: '', columns, values: {} };
}
