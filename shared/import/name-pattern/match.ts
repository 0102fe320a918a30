import type { DatePart, NamePattern, PatternField, PatternToken } from './parse';

export type NameMatch =
  | { matched: true; values: Partial<Record<PatternField, string>> }
  | { matched: false; reason: 'noMatch' }
  /** The name has the shape, but its date is not a calendar date (month 13, 30 February). */
  | { matched: false; reason: 'notADate'; value: string };

/**
 * Reads a file name with a pattern. The whole name must match, without or with its extension
 * (`{agent}_{date:yyyyMMdd}` reads `anna_20240310.wav`). Where a name could be split in several
 * ways, each text placeholder takes as little as it can and each date part as many digits as it
 * can, left to right. Underscores in agent, team
 * and queue names are read as spaces (recorders write `Anna_Keller` for "Anna Keller").
 * `startedAt` is wall-clock time without a zone: `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss` or with `.SSS`.
 */
export function matchFileName(pattern: NamePattern, fileName: string): NameMatch {
  const dot = fileName.lastIndexOf('.');
  // Without the extension first: a last `{agent}` should not read "anna.wav".
  const candidates = dot > 0 ? [fileName.slice(0, dot), fileName] : [fileName];
  for (const name of candidates) {
    const captures = split(pattern.tokens, name);
    if (captures) return read(pattern.tokens, captures);
  }
  return { matched: false, reason: 'noMatch' };
}

/**
 * The text each token covers, or null. Backtracking over (token, position) with failed states
 * remembered: whether the rest matches from a position does not depend on how it was reached, so
 * this takes at most tokens × length² steps whatever the name (a regular expression of several
 * lazy groups can take length^groups on a name that almost matches). A text placeholder followed by
 * literal text only tries the ends where that text follows, which makes a typical name linear.
 */
function split(tokens: readonly PatternToken[], name: string): string[] | null {
  const n = name.length;
  // Lower-cased once for the letter-case-blind comparisons; some letters change length when
  // lower-cased, and then positions would not line up, so such names compare as written.
  const folded = name.toLowerCase();
  const haystack = folded.length === n ? folded : name;
  const literals = tokens.map((token) =>
    token.kind === 'literal' ? (folded.length === n ? token.text.toLowerCase() : token.text) : '',
  );
  const failed = new Uint8Array((tokens.length + 1) * (n + 1));
  const ends = new Int32Array(tokens.length);
  const from = (ti: number, pos: number): boolean => {
    if (ti === tokens.length) return pos === n;
    const state = ti * (n + 1) + pos;
    if (failed[state]) return false;
    const token = tokens[ti]!;
    let found = false;
    if (token.kind === 'literal') {
      const end = pos + literals[ti]!.length;
      found = haystack.startsWith(literals[ti]!, pos) && ((ends[ti] = end), from(ti + 1, end));
    } else if (token.kind === 'digits') {
      // As many digits as the part allows first: `{date:yyyyMd}` reads 20241231 as December 31.
      let digits = 0;
      while (digits < token.max && pos + digits < n && isDigit(name.charCodeAt(pos + digits))) digits++;
      for (let length = digits; !found && length >= token.min; length--) {
        ends[ti] = pos + length;
        found = from(ti + 1, pos + length);
      }
    } else if (ti + 1 < tokens.length && tokens[ti + 1]!.kind === 'literal') {
      const next = literals[ti + 1]!;
      for (
        let end = haystack.indexOf(next, pos + 1);
        !found && end !== -1;
        end = haystack.indexOf(next, end + 1)
      ) {
        ends[ti] = end;
        found = from(ti + 1, end);
      }
    } else {
      for (let end = pos + 1; !found && end <= n; end++) {
        ends[ti] = end;
        found = from(ti + 1, end);
      }
    }
    if (!found) failed[state] = 1;
    return found;
  };
  if (!from(0, 0)) return null;
  return tokens.map((_, ti) => name.slice(ti === 0 ? 0 : ends[ti - 1]!, ends[ti]!));
}

function read(tokens: readonly PatternToken[], captures: string[]): NameMatch {
  const values: Partial<Record<PatternField, string>> = {};
  const date: Partial<Record<DatePart, string>> = {};
  tokens.forEach((token, i) => {
    const text = captures[i]!;
    if (token.kind === 'text') values[token.field] = SPACED.has(token.field) ? spaced(text) : text.trim();
    else if (token.kind === 'digits')
      date[token.part] = token.century
        ? `20${text}`
        : text.padStart(token.part === 'millisecond' ? 3 : 2, '0');
  });
  if (date.year !== undefined) {
    const when = wallClock(date);
    if (!validDate(date)) return { matched: false, reason: 'notADate', value: when };
    values.startedAt = when;
  }
  return { matched: true, values };
}

const SPACED = new Set<PatternField>(['agent', 'team', 'queue']);
const spaced = (text: string) => text.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();

function wallClock(date: Partial<Record<DatePart, string>>): string {
  const day = `${date.year}-${date.month}-${date.day}`;
  if (date.hour === undefined) return day;
  const time = `${date.hour}:${date.minute ?? '00'}:${date.second ?? '00'}`;
  return `${day}T${time}${date.millisecond ? `.${date.millisecond}` : ''}`;
}

function validDate(date: Partial<Record<DatePart, string>>): boolean {
  const [year, month, day] = [Number(date.year), Number(date.month), Number(date.day)];
  const ok = (value: string | undefined, max: number) => value === undefined || Number(value) <= max;
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    ok(date.hour, 23) &&
    ok(date.minute, 59) &&
    ok(date.second, 59)
  );
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
