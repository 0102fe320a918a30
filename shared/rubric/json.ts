import { EarmarkError } from '../errors';
import { parseOrThrow } from './issues';
import { Rubric } from './schema';

/** Validates a rubric that arrives as data (API payload, database row); throws `invalid_params`. */
export function parseRubric(value: unknown): Rubric {
  return parseOrThrow(Rubric, value, 'Rubric is not valid');
}

/** Reads a rubric file (import, paste). Every error names the place: "sections[1].items[0].type: …". */
export function parseRubricJson(text: string): Rubric {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The engine's message carries the position ("… in JSON at position 123").
    const detail = error instanceof Error ? error.message : String(error);
    throw new EarmarkError('invalid_params', `Rubric JSON is not valid JSON: ${detail}`);
  }
  return parseRubric(value);
}

/**
 * Pretty JSON with keys in schema order and defaults written out, so the same rubric always gives
 * the same text (diffable exports, stable content hashes for rubric versions).
 */
export function serializeRubric(rubric: Rubric): string {
  return `${JSON.stringify(parseRubric(rubric), null, 2)}\n`;
}
