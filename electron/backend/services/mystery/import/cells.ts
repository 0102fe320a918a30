import type { MysteryChannel } from '../../../../../shared/rubric/mystery';

/** Words agencies write for yes, no and n.a., in English, German and Finnish (letter case aside). */
const YES = new Set(['yes', 'y', 'ja', 'j', 'kyllä', 'kylla', 'k', 'x', '✓', '✔', 'true', 'wahr', 'ok']);
const NO = new Set(['no', 'n', 'nein', 'ei', 'false', 'falsch', '✗', '✘']);
const NA = new Set([
  'n.a.',
  'na',
  'n/a',
  'n. a.',
  'k.a.',
  'k. a.',
  'entfällt',
  'nicht zutreffend',
  'nicht anwendbar',
  'ei koske',
  'ei sovellu',
  'ei relevantti',
  'e.s.',
]);

export type YesNoNa = 'yes' | 'no' | 'na';

export function yesNoWord(text: string): YesNoNa | null {
  const word = text.trim().toLowerCase();
  if (YES.has(word)) return 'yes';
  if (NO.has(word)) return 'no';
  if (NA.has(word)) return 'na';
  return null;
}

const CHANNELS: Record<string, MysteryChannel> = {
  call: 'call',
  phone: 'call',
  telephone: 'call',
  telefon: 'call',
  anruf: 'call',
  puhelu: 'call',
  puhelin: 'call',
  chat: 'chat',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  sähköposti: 'email',
  visit: 'visit',
  besuch: 'visit',
  filiale: 'visit',
  käynti: 'visit',
};

export function channelWord(text: string): MysteryChannel | null {
  return CHANNELS[text.trim().toLowerCase()] ?? null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export type DateOrder = 'dmy' | 'mdy';
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.*))?$/;
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(.*))?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(.*))?$/;
const TIME = /^(?:klo\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*(am|pm))?$/i;

/**
 * A date as agencies write it (14.03.2025, 2025-03-14, 3/14/2025), with the time of day if the cell
 * has one. Local wall-clock: no time zone is read or added. Slash dates follow `order`; without one,
 * only a date that cannot be read both ways is taken.
 */
export function parseLocalDate(
  text: string,
  order: DateOrder | undefined,
): Parsed<{ date: string; time: string | null }> {
  const value = text.trim();
  let date: string | null;
  let rest: string | undefined;
  const iso = ISO_DATE.exec(value);
  const dot = DOT_DATE.exec(value);
  const slash = SLASH_DATE.exec(value);
  if (iso) {
    date = realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    rest = iso[4];
  } else if (dot) {
    date = realDate(Number(dot[3]), Number(dot[2]), Number(dot[1]));
    rest = dot[4];
  } else if (slash) {
    const [a, b, y] = [Number(slash[1]), Number(slash[2]), Number(slash[3])];
    const readAs = order ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : null);
    if (readAs === null) {
      return {
        ok: false,
        problem: `"${value}" could be day/month or month/day: set "dateOrder" to "dmy" or "mdy" in the mapping`,
      };
    }
    date = readAs === 'dmy' ? realDate(y, b, a) : realDate(y, a, b);
    rest = slash[4];
  } else {
    return { ok: false, problem: `"${value}" is not a date (expected 14.03.2025, 2025-03-14 or 3/14/2025)` };
  }
  if (date === null) return { ok: false, problem: `"${value}" is not a real date` };
  if (rest === undefined || rest.trim() === '') return { ok: true, value: { date, time: null } };
  const time = parseTime(rest);
  if (!time.ok) return { ok: false, problem: `"${value}": ${time.problem}` };
  return { ok: true, value: { date, time: time.value } };
}

/** A time of day: 10:30, 9.05 (Finnish), 10:30:00, 2:30 pm; a spreadsheet time cell (1899-12-30T10:30:00). */
export function parseTime(text: string): Parsed<string> {
  let value = text.trim();
  const excel = /^\d{4}-\d{2}-\d{2}T(.+)$/.exec(value);
  if (excel?.[1]) value = excel[1];
  const m = TIME.exec(value.replace(/Z$/, '').replace(/(:\d{2}:\d{2})\.\d+$/, '$1'));
  if (!m) return { ok: false, problem: `"${text.trim()}" is not a time of day (expected 10:30)` };
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = m[4]?.toLowerCase();
  if (half && (hour < 1 || hour > 12)) return { ok: false, problem: `"${text.trim()}" is not a time of day` };
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return { ok: false, problem: `"${text.trim()}" is not a time of day` };
  return { ok: true, value: `${pad(hour)}:${pad(minute)}` };
}
