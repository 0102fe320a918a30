import { parseRubricJson, serializeRubric } from '../../../../shared/rubric/json';
import type { Rubric } from '../../../../shared/rubric/schema';
import { downloadText } from './download';

/** `courtesy-and-competence-v3.json` */
export function rubricFileName(rubric: Rubric, version?: number): string {
  const base = rubric.id.replace(/^builtin\./, '');
  return `${base}${version === undefined ? '' : `-v${version}`}.json`;
}

export function downloadRubric(rubric: Rubric, version?: number): void {
  downloadText(rubricFileName(rubric, version), serializeRubric(rubric), 'application/json');
}

/** Reads a chosen file as a rubric; throws with the schema's message (which names the place) when it is not one. */
export async function readRubricFile(file: File): Promise<Rubric> {
  return parseRubricJson(await file.text());
}
