/**
 * File-name patterns: a small template language the user types once per folder, so that recorders
 * which write `<guid>_AGENT_<name>_DT_<yyyy-MM-ddTHH-mm-ss>_<suffix>.wav` give each call its agent
 * and start time. Example: `{*}_AGENT_{agent}_DT_{datetime:yyyy-MM-ddTHH-mm-ss}_{*}`.
 *
 * - `{agent}` `{team}` `{direction}` `{queue}` `{customer}` `{id}`: text read into that detail;
 * - `{date:FORMAT}` `{time:FORMAT}` `{datetime:FORMAT}`: when the call started, FORMAT made of
 *   yyyy yy MM M dd d HH H mm ss SSS (other characters stand for themselves);
 * - `{*}`: any text, ignored;
 * - anything else is literal text (letter case ignored).
 */

/** The details a pattern can read, named as the manifest names them. */
export const patternTextFields = {
  agent: 'agent',
  team: 'team',
  direction: 'direction',
  queue: 'queue',
  customer: 'customerRef',
  id: 'externalId',
} as const;
export type PatternPlaceholder = keyof typeof patternTextFields;
export type PatternField = (typeof patternTextFields)[PatternPlaceholder] | 'startedAt';

const DATE_PLACEHOLDERS = {
  date: 'yyyy-MM-dd',
  time: 'HH-mm-ss',
  datetime: 'yyyy-MM-ddTHH-mm-ss',
} as const;

/** Every placeholder name, for help texts. */
export const patternPlaceholders = [
  ...(Object.keys(patternTextFields) as PatternPlaceholder[]),
  ...(Object.keys(DATE_PLACEHOLDERS) as (keyof typeof DATE_PLACEHOLDERS)[]),
  '*',
] as const;

export type DatePart = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** Date-format letters: how many digits each run stands for. */
const DATE_RUNS: Record<string, { part: DatePart; min: number; max: number; century?: true }> = {
  yyyy: { part: 'year', min: 4, max: 4 },
  yy: { part: 'year', min: 2, max: 2, century: true },
  MM: { part: 'month', min: 2, max: 2 },
  M: { part: 'month', min: 1, max: 2 },
  dd: { part: 'day', min: 2, max: 2 },
  d: { part: 'day', min: 1, max: 2 },
  HH: { part: 'hour', min: 2, max: 2 },
  H: { part: 'hour', min: 1, max: 2 },
  mm: { part: 'minute', min: 2, max: 2 },
  ss: { part: 'second', min: 2, max: 2 },
  SSS: { part: 'millisecond', min: 3, max: 3 },
};
/** Letters that are date parts inside a format; `T` (as in ISO 8601) and all other characters are literal. */
const DATE_LETTERS = /[yMdHhmsSaEk]/;

export type PatternToken =
  | { kind: 'literal'; text: string }
  | { kind: 'text'; field: Exclude<PatternField, 'startedAt'>; placeholder: PatternPlaceholder }
  | { kind: 'wildcard' }
  | { kind: 'digits'; part: DatePart; min: number; max: number; century: boolean };

export interface NamePattern {
  source: string;
  tokens: PatternToken[];
}

export type NamePatternError =
  | { code: 'unclosedBrace'; at: number }
  | { code: 'strayClosingBrace'; at: number }
  | { code: 'nestedBrace'; at: number }
  | { code: 'emptyPlaceholder'; at: number }
  | { code: 'unknownPlaceholder'; at: number; name: string }
  | { code: 'formatNotAllowed'; at: number; name: string }
  | { code: 'unknownDatePart'; at: number; part: string }
  | { code: 'repeated'; at: number; name: string }
  | { code: 'adjacent'; at: number; first: string; second: string }
  | { code: 'incompleteDate'; at: number; missing: DatePart; needs: DatePart | null }
  | { code: 'folderSeparator'; at: number }
  | { code: 'nothingToRead'; at: number }
  | { code: 'tooLong'; at: number; max: number };

export type ParsedNamePattern = { ok: true; pattern: NamePattern } | { ok: false; error: NamePatternError };

export const MAX_PATTERN_LENGTH = 500;

/** A date part needs the one before it: seconds without minutes, or a day without a month, say nothing useful. */
const NEEDS: Partial<Record<DatePart, DatePart>> = {
  minute: 'hour',
  second: 'minute',
  millisecond: 'second',
};

/** Reads a pattern; the first problem found is returned with the (0-based) character where it is. */
export function parseNamePattern(source: string): ParsedNamePattern {
  const fail = (error: NamePatternError): ParsedNamePattern => ({ ok: false, error });
  if (source.length > MAX_PATTERN_LENGTH)
    return fail({ code: 'tooLong', at: MAX_PATTERN_LENGTH, max: MAX_PATTERN_LENGTH });
  const tokens: PatternToken[] = [];
  const seen = new Map<string, number>();
  const datePartAt = new Map<DatePart, number>();
  let literal = '';
  let previousVariable: { name: string } | null = null;
  const flushLiteral = () => {
    if (literal) {
      tokens.push({ kind: 'literal', text: literal });
      previousVariable = null;
    }
    literal = '';
  };

  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '/' || char === '\\') return fail({ code: 'folderSeparator', at: i });
    if (char === '}') return fail({ code: 'strayClosingBrace', at: i });
    if (char !== '{') {
      literal += char;
      continue;
    }
    const close = source.indexOf('}', i + 1);
    const nested = source.indexOf('{', i + 1);
    if (close === -1) return fail({ code: 'unclosedBrace', at: i });
    if (nested !== -1 && nested < close) return fail({ code: 'nestedBrace', at: nested });
    const body = source.slice(i + 1, close);
    const colon = body.indexOf(':');
    const name = (colon === -1 ? body : body.slice(0, colon)).trim().toLowerCase();
    const format = colon === -1 ? null : body.slice(colon + 1);
    if (name === '') return fail({ code: 'emptyPlaceholder', at: i });
    flushLiteral();

    if (name in DATE_PLACEHOLDERS) {
      const parts = dateTokens(format ?? DATE_PLACEHOLDERS[name as keyof typeof DATE_PLACEHOLDERS]);
      if (!parts.ok) return fail({ ...parts.error, at: i + 1 + colon + 1 + parts.error.at });
      for (const token of parts.tokens) {
        if (token.kind === 'digits') {
          if (datePartAt.has(token.part)) return fail({ code: 'repeated', at: i, name: token.part });
          datePartAt.set(token.part, i);
        }
        // Date parts have a fixed number of digits, so they may follow any placeholder directly.
        tokens.push(token);
      }
      previousVariable = null;
    } else if (name === '*' || name in patternTextFields) {
      if (format !== null) return fail({ code: 'formatNotAllowed', at: i, name });
      if (name !== '*') {
        if (seen.has(name)) return fail({ code: 'repeated', at: i, name });
        seen.set(name, i);
      }
      const prior = previousVariable as { name: string } | null;
      if (prior) return fail({ code: 'adjacent', at: i, first: prior.name, second: name });
      tokens.push(
        name === '*'
          ? { kind: 'wildcard' }
          : {
              kind: 'text',
              placeholder: name as PatternPlaceholder,
              field: patternTextFields[name as PatternPlaceholder],
            },
      );
      previousVariable = { name };
    } else {
      return fail({ code: 'unknownPlaceholder', at: i, name: body.trim() });
    }
    i = close;
  }
  flushLiteral();

  if (datePartAt.size > 0) {
    for (const required of ['year', 'month', 'day'] as const) {
      if (!datePartAt.has(required))
        return fail({
          code: 'incompleteDate',
          at: Math.min(...datePartAt.values()),
          missing: required,
          needs: null,
        });
    }
    for (const [part, needs] of Object.entries(NEEDS) as [DatePart, DatePart][]) {
      if (datePartAt.has(part) && !datePartAt.has(needs))
        return fail({ code: 'incompleteDate', at: datePartAt.get(part)!, missing: needs, needs: part });
    }
  }
  if (seen.size === 0 && datePartAt.size === 0) return fail({ code: 'nothingToRead', at: 0 });
  return { ok: true, pattern: { source, tokens: mergeLiterals(tokens) } };
}

/** A date format split into digit runs and literal text; `at` is relative to the format. */
function dateTokens(
  format: string,
): { ok: true; tokens: PatternToken[] } | { ok: false; error: NamePatternError & { at: number } } {
  const tokens: PatternToken[] = [];
  let i = 0;
  while (i < format.length) {
    const char = format[i]!;
    if (!DATE_LETTERS.test(char)) {
      tokens.push({ kind: 'literal', text: char });
      i++;
      continue;
    }
    let end = i;
    while (format[end] === char) end++;
    const run = format.slice(i, end);
    const spec = DATE_RUNS[run];
    if (!spec) return { ok: false, error: { code: 'unknownDatePart', at: i, part: run } };
    tokens.push({
      kind: 'digits',
      part: spec.part,
      min: spec.min,
      max: spec.max,
      century: spec.century ?? false,
    });
    i = end;
  }
  return { ok: true, tokens };
}

function mergeLiterals(tokens: PatternToken[]): PatternToken[] {
  const merged: PatternToken[] = [];
  for (const token of tokens) {
    const last = merged.at(-1);
    if (token.kind === 'literal' && last?.kind === 'literal') last.text += token.text;
    else merged.push(token.kind === 'literal' ? { ...token } : token);
  }
  return merged;
}
