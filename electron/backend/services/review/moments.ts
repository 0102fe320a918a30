import { sql } from 'kysely';
import type { ParsedParams } from '../../../../shared/api';
import type { Moment } from '../../../../shared/api/methods/review';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { keepForUndo, purgeDeletedMoments, restoreMoment, type MomentRow } from './deleted-moments';
import { requireInteraction } from './interaction-exists';
import { assertMomentAuthor } from './moment-author';
import { assertTags } from './tags';
import { assertNotScoringBlind } from '../calibration/blind-moments';
import { clockOf } from '../../clock';
import { hasTurn } from '../segments';

function toMoment(row: MomentRow, tagIds: number[]): Moment {
  return {
    id: row.id,
    interactionId: row.interaction_id,
    startMs: row.start_ms,
    endMs: row.end_ms,
    turnSeq: row.turn_seq,
    comment: row.comment,
    tagIds,
    authorId: row.author_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The moments' rows with their tag ids (in id order), read in two queries however many moments. */
async function withTags(q: Query, rows: MomentRow[]): Promise<Moment[]> {
  if (rows.length === 0) return [];
  const links = await q
    .selectFrom('moment_tags')
    .select(['moment_id', 'tag_id'])
    .where(
      'moment_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('tag_id')
    .execute();
  const tagsOf = new Map<number, number[]>();
  for (const link of links) {
    const ids = tagsOf.get(link.moment_id);
    if (ids) ids.push(link.tag_id);
    else tagsOf.set(link.moment_id, [link.tag_id]);
  }
  return rows.map((row) => toMoment(row, tagsOf.get(row.id) ?? []));
}

/** The moments of one interaction in the order they happen: by time, then by turn (chats have no times). */
export async function listMoments(q: Query, interactionId: number): Promise<Moment[]> {
  await requireInteraction(q, interactionId);
  const rows = await q
    .selectFrom('moments')
    .selectAll()
    .where('interaction_id', '=', interactionId)
    .orderBy(sql`start_ms IS NULL`)
    .orderBy('start_ms')
    // SQLite's order (a moment without a turn first), said out loud for PostgreSQL.
    .orderBy('turn_seq', (o) => o.asc().nullsFirst())
    .orderBy('id')
    .execute();
  return withTags(q, rows);
}

/** One moment; `lock` holds its row to the end of a PostgreSQL transaction that is about to change it. */
async function getMoment(q: Query, id: number, lock = false): Promise<Moment> {
  let find = q.selectFrom('moments').selectAll().where('id', '=', id);
  if (lock) find = find.forUpdate();
  const row = await find.executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `id: there is no moment with id ${id}.`);
  return (await withTags(q, [row]))[0]!;
}

async function assertTurn(q: Query, interactionId: number, turnSeq: number): Promise<void> {
  if (!(await hasTurn(q, interactionId, turnSeq))) {
    throw new EarmarkError('invalid_params', `turnSeq: interaction ${interactionId} has no turn ${turnSeq}.`);
  }
}

/** A moment past the end of the recording cannot be played; a second of slack covers rounded durations. */
async function assertWithinRecording(q: Query, interactionId: number, lastMs: number | null): Promise<void> {
  if (lastMs === null) return;
  const row = await q
    .selectFrom('recordings')
    .select((eb) => eb.fn.max('duration_ms').as('durationMs'))
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
  const durationMs = row?.durationMs ?? null;
  if (durationMs !== null && lastMs > durationMs + 1000) {
    throw new EarmarkError(
      'invalid_params',
      `startMs: ${lastMs} ms is past the end of the recording (${durationMs} ms).`,
    );
  }
}

async function writeTags(trx: Query, momentId: number, tagIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('moment_tags').where('moment_id', '=', momentId).execute();
  if (tagIds.length === 0) return;
  await trx
    .insertInto('moment_tags')
    .values(tagIds.map((tagId) => ({ moment_id: momentId, tag_id: tagId })))
    .execute();
}

/**
 * Pins a new moment; every check runs before the one transaction that writes it and its tags. The author
 * is the acting profile when there is one (a reel credits the reviewer who spotted the praise).
 */
export async function createMoment(
  database: Database,
  moment: ParsedParams<'moment.create'>,
  authorId: number | null,
): Promise<Moment> {
  return database.transaction(async (trx) => {
    await requireInteraction(trx, moment.interactionId);
    await assertNotScoringBlind(trx, authorId, moment.interactionId);
    if (moment.turnSeq !== undefined) await assertTurn(trx, moment.interactionId, moment.turnSeq);
    await assertWithinRecording(trx, moment.interactionId, moment.endMs ?? moment.startMs ?? null);
    await assertTags(trx, moment.tagIds);
    const stamp = clockOf(database).now().toISOString();
    const { id } = await trx
      .insertInto('moments')
      .values({
        interaction_id: moment.interactionId,
        start_ms: moment.startMs ?? null,
        end_ms: moment.endMs ?? null,
        turn_seq: moment.turnSeq ?? null,
        comment: moment.comment,
        author_id: authorId,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeTags(trx, id, moment.tagIds);
    return getMoment(trx, id);
  });
}

/**
 * Changes what is given (the comment as the reviewer types, the range when a region is dragged, the
 * tags); only by the moment's author (see assertMomentAuthor).
 */
export async function updateMoment(
  database: Database,
  changes: ParsedParams<'moment.update'>,
  actorId: number | null,
): Promise<Moment> {
  return database.transaction(async (trx) => {
    const current = await getMoment(trx, changes.id, database.engine === 'postgres');
    await assertMomentAuthor(trx, current, actorId);
    await assertNotScoringBlind(trx, actorId, current.interactionId);
    const startMs = changes.startMs ?? current.startMs;
    const endMs = changes.endMs === undefined ? current.endMs : changes.endMs;
    if (endMs !== null && startMs === null) {
      throw new EarmarkError('invalid_params', 'endMs: a moment on a chat turn has no time range.');
    }
    if (endMs !== null && startMs !== null && endMs < startMs) {
      throw new EarmarkError(
        'invalid_params',
        `endMs: the end of a moment (${endMs} ms) cannot be before its start (${startMs} ms).`,
      );
    }
    await assertWithinRecording(trx, current.interactionId, endMs ?? startMs);
    if (changes.tagIds) await assertTags(trx, changes.tagIds);
    await trx
      .updateTable('moments')
      .set({
        start_ms: startMs,
        end_ms: endMs,
        comment: changes.comment ?? current.comment,
        updated_at: clockOf(database).now().toISOString(),
      })
      .where('id', '=', changes.id)
      .execute();
    if (changes.tagIds) await writeTags(trx, changes.id, changes.tagIds);
    return getMoment(trx, changes.id);
  });
}

/**
 * Deletes a moment with its tags and links (its author only); for a few minutes `undeleteMoment` can
 * bring it all back.
 */
export async function deleteMoment(
  database: Database,
  id: number,
  actorId: number | null,
): Promise<{ id: number }> {
  const now = clockOf(database).now();
  return database.transaction(async (trx) => {
    await assertMomentAuthor(trx, await getMoment(trx, id, database.engine === 'postgres'), actorId);
    await purgeDeletedMoments(trx, now);
    await keepForUndo(trx, id, now);
    const result = await trx.deleteFrom('moments').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0)
      throw new EarmarkError('not_found', `id: there is no moment with id ${id}.`);
    return { id };
  });
}

/** Undo of a delete, by the moment's author: the same moment, with its tags and links, as it was (see restoreMoment). */
export async function undeleteMoment(
  database: Database,
  id: number,
  actorId: number | null,
): Promise<Moment> {
  const restored = await restoreMoment(database, id, clockOf(database).now(), async (trx, moment) => {
    await assertMomentAuthor(trx, moment, actorId);
    await assertNotScoringBlind(trx, actorId, moment.interactionId);
  });
  return getMoment(database.query, restored);
}
