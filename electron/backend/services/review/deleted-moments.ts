import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query, Row } from '../../db/schema';
import { clockOf } from '../../clock';

/**
 * How long a deleted moment can be brought back. The app offers undo for a few seconds; the rest is
 * slack for a slow click or a backend that was briefly out of reach. After that the copy is purged.
 */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/** A moment's own row as stored (moments.ts adds the tags it reads beside it). */
export type MomentRow = Row<'moments'>;

/** Everything a moment's delete takes with it, so that undo puts back the same moment. */
interface Snapshot {
  moment: MomentRow;
  tagIds: number[];
  answers: { evaluationId: number; itemId: string }[];
  sessions: { sessionId: number; position: number }[];
  reels: { reelId: number; position: number }[];
}

/** Copies a moment and its links aside; called in the delete's transaction, before the delete. */
export async function keepForUndo(trx: Query, momentId: number, deletedAt: Date): Promise<void> {
  const moment = await trx.selectFrom('moments').selectAll().where('id', '=', momentId).executeTakeFirst();
  if (!moment) return;
  const [tags, answers, sessions, reels] = await Promise.all([
    trx
      .selectFrom('moment_tags')
      .select('tag_id')
      .where('moment_id', '=', momentId)
      .orderBy('tag_id')
      .execute(),
    trx
      .selectFrom('evaluation_answer_moments')
      .select(['evaluation_id as evaluationId', 'item_id as itemId'])
      .where('moment_id', '=', momentId)
      .orderBy('evaluation_id')
      .orderBy('item_id')
      .execute(),
    trx
      .selectFrom('coaching_moments')
      .select(['session_id as sessionId', 'position'])
      .where('moment_id', '=', momentId)
      .execute(),
    trx
      .selectFrom('reel_moments')
      .select(['reel_id as reelId', 'position'])
      .where('moment_id', '=', momentId)
      .execute(),
  ]);
  const snapshot: Snapshot = { moment, tagIds: tags.map((row) => row.tag_id), answers, sessions, reels };
  await trx
    .insertInto('deleted_moments')
    .values({
      moment_id: momentId,
      interaction_id: moment.interaction_id,
      snapshot: JSON.stringify(snapshot),
      deleted_at: deletedAt.toISOString(),
    })
    .onConflict((conflict) =>
      conflict.column('moment_id').doUpdateSet((eb) => ({
        interaction_id: eb.ref('excluded.interaction_id'),
        snapshot: eb.ref('excluded.snapshot'),
        deleted_at: eb.ref('excluded.deleted_at'),
      })),
    )
    .execute();
}

/**
 * Puts a deleted moment back with its comment, times, author and tags, and its links to evaluation
 * answers, coaching sessions and reels (those that still exist). It keeps its id unless a new moment
 * took it meanwhile (SQLite hands out a deleted highest id again; PostgreSQL's identity never does, so
 * there the id is always its own); returns the id it has now.
 */
export async function restoreMoment(
  database: Database,
  momentId: number,
  now: Date = clockOf(database).now(),
  /** Throws when the caller may not bring this moment back (it is not theirs). */
  mayRestore: (
    trx: Query,
    moment: { id: number; authorId: number | null; interactionId: number },
  ) => Promise<void> = async () => {},
): Promise<number> {
  // Outside the transaction: an expired copy goes even when the restore is then refused.
  await purgeDeletedMoments(database.query, now);
  return database.transaction(async (trx) => {
    let find = trx.selectFrom('deleted_moments').select('snapshot').where('moment_id', '=', momentId);
    // Two clicks on undo from two servers: the second waits, then finds it back already.
    if (database.engine === 'postgres') find = find.forUpdate();
    const stored = await find.executeTakeFirst();
    if (!stored) {
      throw new EarmarkError(
        'not_found',
        `id: moment ${momentId} cannot be brought back: it was not deleted in the last ${UNDO_WINDOW_MS / 60_000} minutes, or it is back already.`,
      );
    }
    const { moment, tagIds, answers, sessions, reels } = JSON.parse(stored.snapshot) as Snapshot;
    await mayRestore(trx, { id: momentId, authorId: moment.author_id, interactionId: moment.interaction_id });
    const { id: storedId, ...columns } = moment;
    const taken = await trx.selectFrom('moments').select('id').where('id', '=', storedId).executeTakeFirst();
    const { id } = await trx
      .insertInto('moments')
      .values(taken ? columns : { id: storedId, ...columns })
      .returning('id')
      .executeTakeFirstOrThrow();
    await relink(trx, id, { tagIds, answers, sessions, reels });
    await trx.deleteFrom('deleted_moments').where('moment_id', '=', momentId).execute();
    return id;
  });
}

/** Links the restored moment again to the tags, answers, sessions and reels of its snapshot that still exist. */
async function relink(trx: Query, id: number, links: Omit<Snapshot, 'moment'>): Promise<void> {
  const { tagIds, answers, sessions, reels } = links;
  const existing = async <T>(ids: number[], find: (ids: number[]) => Promise<T[]>) =>
    ids.length === 0 ? [] : find(ids);
  const tags = await existing(tagIds, (ids) =>
    trx.selectFrom('tags').select('id').where('id', 'in', ids).orderBy('id').execute(),
  );
  if (tags.length > 0)
    await trx
      .insertInto('moment_tags')
      .values(tags.map((tag) => ({ moment_id: id, tag_id: tag.id })))
      .execute();

  const stillAnswered = await existing([...new Set(answers.map((a) => a.evaluationId))], (ids) =>
    trx
      .selectFrom('evaluation_answers')
      .select(['evaluation_id', 'item_id'])
      .where('evaluation_id', 'in', ids)
      .execute(),
  );
  const answerKeys = new Set(stillAnswered.map((a) => `${a.evaluation_id}\u0000${a.item_id}`));
  const answerRows = answers
    .filter((a) => answerKeys.has(`${a.evaluationId}\u0000${a.itemId}`))
    .map((a) => ({ evaluation_id: a.evaluationId, item_id: a.itemId, moment_id: id }));
  if (answerRows.length > 0)
    await trx
      .insertInto('evaluation_answer_moments')
      .values(answerRows)
      .onConflict((conflict) => conflict.doNothing())
      .execute();

  const liveSessions = new Set(
    (
      await existing(
        sessions.map((s) => s.sessionId),
        (ids) => trx.selectFrom('coaching_sessions').select('id').where('id', 'in', ids).execute(),
      )
    ).map((row) => row.id),
  );
  // One row at a time: a position taken meanwhile skips only that link, as INSERT OR IGNORE did.
  for (const link of sessions.filter((s) => liveSessions.has(s.sessionId)))
    await trx
      .insertInto('coaching_moments')
      .values({ session_id: link.sessionId, moment_id: id, position: link.position })
      .onConflict((conflict) => conflict.doNothing())
      .execute();

  const liveReels = new Set(
    (
      await existing(
        reels.map((r) => r.reelId),
        (ids) => trx.selectFrom('reels').select('id').where('id', 'in', ids).execute(),
      )
    ).map((row) => row.id),
  );
  for (const link of reels.filter((r) => liveReels.has(r.reelId)))
    await trx
      .insertInto('reel_moments')
      .values({ reel_id: link.reelId, moment_id: id, position: link.position })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
}

/** Forgets deleted moments older than the undo window; returns how many. */
export async function purgeDeletedMoments(q: Query, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNDO_WINDOW_MS).toISOString();
  const result = await q.deleteFrom('deleted_moments').where('deleted_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
