import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';

/** Throws not_found, naming the field, unless the interaction is there. */
export function assertInteraction(db: Db, interactionId: number, field = 'interactionId'): void {
  if (!db.prepare('SELECT 1 FROM interactions WHERE id = ?').get(interactionId)) {
    throw new EarmarkError('not_found', `${field}: there is no interaction with id ${interactionId}.`);
  }
}
