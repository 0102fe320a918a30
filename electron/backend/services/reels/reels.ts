import type { Reel, ReelSummary } from '../../../../shared/api/methods/reels';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { momentsByIds, toWowMoment } from '../coaching/moment-rows';
import { nowIso } from '../../clock';
import { agentsInSight, agentVisible, type AgentSight } from '../viewer';

/**
 * Reels with their moment counts; for a team lead (`sight`) the count is of their teams' agents'
 * moments only, the part of a shared reel they open (getReel).
 */
function selectReels(q: Query, sight: AgentSight = null) {
  return q
    .selectFrom('reels as r')
    .leftJoin('reviewer_profiles as p', 'p.id', 'r.created_by')
    .select((eb) => [
      'r.id',
      'r.title',
      'r.created_by',
      'r.created_at',
      'r.updated_at',
      'p.name as creator_name',
      'p.role as creator_role',
      (sight === null
        ? eb.selectFrom('reel_moments as rm')
        : eb
            .selectFrom('reel_moments as rm')
            .innerJoin('moments as m', 'm.id', 'rm.moment_id')
            .innerJoin('interactions as i', 'i.id', 'm.interaction_id')
            .where(agentVisible('i.agent_id', sight))
      )
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('rm.reel_id', '=', 'r.id')
        .as('moment_count'),
    ]);
}

type ReelRow = Awaited<ReturnType<ReturnType<typeof selectReels>['executeTakeFirstOrThrow']>>;

const toSummary = (row: ReelRow): ReelSummary => ({
  id: row.id,
  title: row.title,
  createdBy:
    row.created_by !== null && row.creator_name !== null && row.creator_role !== null
      ? { id: row.created_by, name: row.creator_name, role: row.creator_role }
      : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  momentCount: Number(row.moment_count ?? 0),
});

const noReel = (id: number) => new EarmarkError('not_found', `id: there is no reel with id ${id}.`);

/** The reels worked on most recently first, each counting the moments the viewer sees in it. */
export async function listReels(q: Query, sight: AgentSight = null): Promise<ReelSummary[]> {
  const rows = await selectReels(q, sight).orderBy('r.updated_at', 'desc').orderBy('r.id', 'desc').execute();
  return rows.map(toSummary);
}

/** The ids of a reel's moments in playing order. */
async function momentIdsOf(q: Query, reelId: number): Promise<number[]> {
  const rows = await q
    .selectFrom('reel_moments')
    .select('moment_id')
    .where('reel_id', '=', reelId)
    .orderBy('position')
    .execute();
  return rows.map((row) => row.moment_id);
}

/** Whether a moment's agent is one the viewer sees (`seen` null: every agent). */
const inSight = (seen: ReadonlySet<number> | null, agentId: number | null) =>
  seen === null || (agentId !== null && seen.has(agentId));

/**
 * A reel with its moments in playing order. A team lead gets the moments of their teams' agents only
 * (services/viewer.ts): a reel collected across teams shows them their part of it.
 */
export async function getReel(q: Query, id: number, sight: AgentSight = null): Promise<Reel> {
  const row = await selectReels(q).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw noReel(id);
  const seen = await agentsInSight(q, sight);
  const moments = (await momentsByIds(q, await momentIdsOf(q, id))).filter((m) => inSight(seen, m.agent_id));
  const summary = toSummary(row);
  return {
    ...summary,
    moments: moments.map(toWowMoment),
    momentCount: sight === null ? summary.momentCount : moments.length,
  };
}

/**
 * Refuses, naming the id, a moment that is not there or not exemplary: a reel is for praise. A moment
 * already in the reel may stay after losing its tag (`kept`), since it was praise when it was collected.
 */
async function checkMoments(
  q: Query,
  ids: readonly number[],
  kept: ReadonlySet<number> = new Set(),
  sight: AgentSight = null,
): Promise<void> {
  const found = new Map((await momentsByIds(q, ids)).map((row) => [row.id, row]));
  const seen = await agentsInSight(q, sight);
  ids.forEach((id, index) => {
    const moment = found.get(id);
    if (!moment || !inSight(seen, moment.agent_id))
      throw new EarmarkError('not_found', `momentIds[${index}]: there is no moment with id ${id}.`);
    if (moment.exemplary !== 1 && !kept.has(id)) {
      throw new EarmarkError(
        'invalid_params',
        `momentIds[${index}]: moment ${id} is not tagged exemplary; only exemplary moments go into a reel.`,
      );
    }
  });
}

async function writeMoments(q: Query, reelId: number, ids: readonly number[]): Promise<void> {
  await q.deleteFrom('reel_moments').where('reel_id', '=', reelId).execute();
  if (ids.length === 0) return;
  await q
    .insertInto('reel_moments')
    .values(ids.map((momentId, position) => ({ reel_id: reelId, moment_id: momentId, position })))
    .execute();
}

/** `createdBy` is the acting profile: a reel is shown to a team, so someone must stand behind it. */
export async function createReel(
  database: Database,
  createdBy: number,
  params: { title: string; momentIds: number[] },
  sight: AgentSight = null,
): Promise<Reel> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    await checkMoments(trx, params.momentIds, new Set(), sight);
    const { id } = await trx
      .insertInto('reels')
      .values({ title: params.title, created_by: createdBy, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeMoments(trx, id, params.momentIds);
    return getReel(trx, id, sight);
  });
}

/**
 * Renames and/or replaces the moments, in the order given. A team lead replaces only the moments they
 * see: another team's moments in the reel stay where they were, so nobody's collecting is lost to a
 * lead who could not see it.
 */
export async function updateReel(
  database: Database,
  params: { id: number; title?: string | undefined; momentIds?: number[] | undefined },
  sight: AgentSight = null,
): Promise<Reel> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    // Stamping the reel first holds its row, so two people saving the same reel on a team's
    // PostgreSQL take turns instead of interleaving their moment lists.
    const updated = await trx
      .updateTable('reels')
      .set((eb) => ({ title: params.title ?? eb.ref('title'), updated_at: at }))
      .where('id', '=', params.id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw noReel(params.id);
    if (params.momentIds) {
      const before = await momentIdsOf(trx, params.id);
      await checkMoments(trx, params.momentIds, new Set(before), sight);
      await writeMoments(trx, params.id, await withHidden(trx, before, params.momentIds, sight));
    }
    return getReel(trx, params.id, sight);
  });
}

/** The new order with the moments the viewer does not see put back at their old places. */
async function withHidden(
  q: Query,
  before: readonly number[],
  next: readonly number[],
  sight: AgentSight,
): Promise<number[]> {
  if (sight === null) return [...next];
  const seen = await agentsInSight(q, sight);
  const merged = [...next];
  for (const row of await momentsByIds(q, before)) {
    if (inSight(seen, row.agent_id)) continue;
    merged.splice(Math.min(before.indexOf(row.id), merged.length), 0, row.id);
  }
  return merged;
}

/**
 * Deletes a reel. A team lead may not delete one that also holds other teams' moments: it is others'
 * collecting too, which they cannot see to judge.
 */
export async function deleteReel(q: Query, id: number, sight: AgentSight = null): Promise<{ id: number }> {
  if (sight !== null) {
    const before = await momentIdsOf(q, id);
    if ((await withHidden(q, [...before], [], sight)).length > 0) {
      throw new EarmarkError(
        'not_allowed',
        `id: reel ${id} also holds moments of teams you do not lead; a QA supervisor or manager can delete it.`,
      );
    }
  }
  const result = await q.deleteFrom('reels').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw noReel(id);
  return { id };
}
