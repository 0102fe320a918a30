import type { TFunction } from 'i18next';
import { EarmarkError } from '../../../../../shared/errors';
import { MAPPING_FILE_MAX_BYTES } from '../../../../../shared/rubric/mystery-mapping';
import { sizeWords } from '../../import/team-choice';

/** Why a mapping file from this computer was not taken: the server's named reasons, said here. */
const reasons = ['mapping_empty', 'mapping_too_big', 'mapping_not_json', 'mapping_not_a_mapping'] as const;
type MappingReason = (typeof reasons)[number];

export interface MappingProblem {
  /** In the person's language, naming the file. */
  text: string;
  /** The server's own words on what exactly is wrong (a JSON position, a field), when there are any. */
  detail: string | null;
}

const isMappingReason = (reason: unknown): reason is MappingReason =>
  (reasons as readonly unknown[]).includes(reason);

/** An empty or oversized file is refused before it is read or sent: its size says enough. */
export function sizeProblem(file: File): MappingReason | null {
  if (file.size === 0) return 'mapping_empty';
  if (file.size > MAPPING_FILE_MAX_BYTES) return 'mapping_too_big';
  return null;
}

export function mappingProblem(
  t: TFunction,
  language: string,
  file: File,
  error: unknown,
): MappingProblem | null {
  if (error === null || error === undefined) return null;
  const reason = error instanceof EarmarkError ? error.reason : null;
  if (!isMappingReason(reason)) {
    return { text: error instanceof Error ? error.message : String(error), detail: null };
  }
  const text = t(`mysteryImport.mappingFile.problems.${reason}`, {
    name: file.name,
    size: sizeWords(file.size, language),
    limit: sizeWords(MAPPING_FILE_MAX_BYTES, language),
  });
  const detail =
    error instanceof EarmarkError && (reason === 'mapping_not_json' || reason === 'mapping_not_a_mapping')
      ? error.message
      : null;
  return { text, detail };
}
