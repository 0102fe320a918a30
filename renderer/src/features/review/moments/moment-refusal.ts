import type { TFunction } from 'i18next';
import { EarmarkError } from '../../../../../shared/errors';

/**
 * The words for a moment the backend would not write: its refusals that a screen can name in the
 * user's language by their reason, else the backend's own message.
 */
export function momentRefusalText(t: TFunction, failure: unknown): string {
  if (failure instanceof EarmarkError && failure.reason === 'scoring_blind')
    return t('review.moments.scoringBlind');
  return failure instanceof Error ? failure.message : String(failure);
}
