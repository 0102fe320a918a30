import type { z } from 'zod';
import { fail } from './errors';

/**
 * True when the text is meant to be JSON: an object, or an array of objects, arrays or
 * strings. A text log line such as `[10:02:13] Agent: Hi` also starts with `[`, so a bare
 * `[` followed by a digit does not count.
 */
export function looksLikeJson(text: string): boolean {
  return /^\s*(?:\{|\[\s*(?:[{["]|\]))/.test(text);
}

/** Parses JSON or fails with the parser's own complaint (it names the position). */
export function parseJson(fileName: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(fileName, `looks like JSON but is not valid JSON (${reason})`);
  }
}

/** `phrases[3].offset`: a path the user can find in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Validates with zod and fails with the first problem and where it is. */
export function parseShape<T>(fileName: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? formatPath(issue.path) : '';
  fail(fileName, `${where === '' ? '' : `${where}: `}${issue?.message ?? 'unexpected shape'}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Comma-separated word lists, one line per language, so synonym tables stay readable.
 * Keys and headers are compared normalised, so spelling variants (start_ms, startMs, Start (ms))
 * need no separate entries.
 */
export function words(...lines: string[]): string[] {
  return lines.flatMap((line) => line.split(',').map((w) => w.trim()));
}

const normalised = new Map<string, string>();

/**
 * Key matching that ignores case, `_`, `-` and spaces: conversationId = conversation_id =
 * ConversationID. Memoised: a 100k-message export asks for the same few keys again and again.
 */
export function normaliseKey(key: string): string {
  let value = normalised.get(key);
  if (value === undefined) {
    value = key
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '');
    // Keys of well-formed files are few; a hostile file with endless distinct keys must not grow this.
    if (normalised.size < 10_000) normalised.set(key, value);
  }
  return value;
}

/** The first key of `synonyms` present on `obj` (compared normalised), with its value. */
export function pick(
  obj: Record<string, unknown>,
  synonyms: readonly string[],
): { key: string; value: unknown } | null {
  // The key of the earliest synonym wins; of keys alike once normalised, the first. One pass over the
  // keys rather than one a synonym: a bulk import asks this five times for each of a million messages.
  const ranks = synonymRanks(synonyms);
  let best: string | undefined;
  let bestRank = Infinity;
  for (const key of Object.keys(obj)) {
    const rank = ranks.get(normaliseKey(key));
    if (rank !== undefined && rank < bestRank) {
      best = key;
      bestRank = rank;
    }
  }
  return best === undefined ? null : { key: best, value: obj[best] };
}

/**
 * pick() for each of `fields` over many objects of one shape: the keys found on one object are reused
 * for the next while it has the same keys in the same order, as every message of an export has. A bulk
 * import read each of a million messages' keys five times over, a tenth of its parse.
 */
export function keysPicker<F extends string>(
  fields: Record<F, readonly string[]>,
): (obj: Record<string, unknown>) => Readonly<Record<F, string | undefined>> {
  const names = Object.keys(fields) as F[];
  let shape: string[] = [];
  let found = {} as Record<F, string | undefined>;
  return (obj) => {
    const keys = Object.keys(obj);
    if (!sameKeys(keys, shape)) {
      shape = keys;
      found = {} as Record<F, string | undefined>;
      for (const name of names) found[name] = pick(obj, fields[name])?.key;
    }
    return found;
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const rankCache = new WeakMap<readonly string[], Map<string, number>>();

/** Normalised synonym → its position in the list (the first, where two normalise alike). */
function synonymRanks(synonyms: readonly string[]): Map<string, number> {
  let ranks = rankCache.get(synonyms);
  if (!ranks) {
    ranks = new Map();
    for (const [index, synonym] of synonyms.entries()) {
      const key = normaliseKey(synonym);
      if (!ranks.has(key)) ranks.set(key, index);
    }
    rankCache.set(synonyms, ranks);
  }
  return ranks;
}

/** A scalar as trimmed text; null for missing, empty, objects. */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? null : text;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}
