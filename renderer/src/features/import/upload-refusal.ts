import type { TFunction } from 'i18next';
import { errorReasons, type ErrorReason } from '../../../../shared/errors';
import { sizeWords } from './team-choice';

/** Why the team server refused an upload, when it named it (shared/errors.ts, `errorReasons`). */
export type UploadReason = Extract<ErrorReason, `upload_${string}`>;

const reasons = errorReasons.filter((reason): reason is UploadReason => reason.startsWith('upload_'));

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
