import type { TFunction } from 'i18next';
import type { ErrorReason } from '../../../../shared/errors';
import { sizeWords } from './team-choice';

/** Why the team server refused an upload, when it named it (shared/errors.ts, `errorReasons`). */
export type UploadReason = Extract<ErrorReason, `upload_${string}`>;

const reasons: readonly UploadReason[] = [
  'upload_too_big',
  'upload_different',
  'upload_wrong_offset',
  'upload_too_many_bytes',
  'upload_not_allowed',
  'upload_busy',
  'upload_gone',
  'upload_storage_full',
  'upload_bad_name',
  'upload_hidden_name',
];

export const isUploadReason = (value: unknown): value is UploadReason =>
  (reasons as readonly unknown[]).includes(value);

/**
 * What the import screen says about a refused upload: in the user's language when the server named
 * its refusal, else the server's own words (which name the problem, in English).
 */
export function uploadRefusalText(
  t: TFunction,
  language: string,
  refusal: { reason?: UploadReason | undefined; message: string },
  file: { name: string; size: number },
  maxBytes: number,
): string {
  switch (refusal.reason) {
    case undefined:
      return refusal.message;
    case 'upload_too_big':
      return t('import.team.tooBig', {
        size: sizeWords(file.size, language),
        limit: sizeWords(maxBytes, language),
      });
    default:
      return t(`import.team.refused.${refusal.reason}`, { name: file.name });
  }
}
