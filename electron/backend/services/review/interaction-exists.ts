import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';

const noInteraction = (field: string, interactionId: number) =>
  new EarmarkError('not_found', `${field}: there is no interaction with id ${interactionId}.`);

/** Throws not_found, naming the field, unless the interaction is there. */
export async function requireInteraction(
  q: Query,
  interactionId: number,
  field = 'interactionId',
): Promise<void> {
  const row = await q
    .selectFrom('interactions')
    .select('id')
    .where('id', '=', interactionId)
    .executeTakeFirst();
  if (!row) throw noInteraction(field, interactionId);
}
