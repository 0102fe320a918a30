import type { z } from 'zod';
import { EarmarkError } from '../errors';

/**
 * Turns zod issues into messages a rubric author can act on: every message starts with where the
 * problem is (`sections[1].items[0].type`), then says what is wrong and what was found.
 */

/** `['sections', 1, 'items', 0, 'type']` → `sections[1].items[0].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short, quoted rendering of a value found in the input, for "(got …)". */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/**
 * Plain-word messages for the generic issue codes; schemas set their own message where the domain
 * has better words (negative weights, unknown item types). Passed to `safeParse` so it applies only
 * to our parses, not to the whole app's zod configuration.
 */
export const plainMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is missing';
      const expected = typeNames[issue.expected] ?? issue.expected;
      return `expected ${expected} (got ${describeValue(issue.input)})`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => describeValue(k)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `must have at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum} (got ${describeValue(issue.input)})`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      return `must be at most ${issue.maximum} (got ${describeValue(issue.input)})`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => describeValue(v)).join(' or ')} (got ${describeValue(issue.input)})`;
    default:
      return undefined;
  }
};

/**
 * "path: message", or "path message" when the message reads as the rest of a sentence
 * ("sections[0].items[2].weight must not be negative (got -1)").
 */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (where === '') return issue.message;
  return /^(must|is) /.test(issue.message) ? `${where} ${issue.message}` : `${where}: ${issue.message}`;
}

/** At most `limit` problems, so a badly broken file still gives a readable message. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map(formatIssue).join('; ');
  const more = issues.length - limit;
  return more > 0 ? `${shown}; and ${more} more problem${more > 1 ? 's' : ''}` : shown;
}

/** Parses with plain messages; throws `EarmarkError('invalid_params')` naming every problem's place. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, subject: string): z.output<S> {
  const parsed = schema.safeParse(value, { error: plainMessages });
  if (parsed.success) return parsed.data;
  throw new EarmarkError('invalid_params', `${subject}: ${formatIssues(parsed.error.issues)}`);
}
