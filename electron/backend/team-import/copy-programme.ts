import { sql } from 'kysely';
import { foundOrInserted, type CopyContext } from './copy-history';
import { insertMany, insertReturningId, mapped, mappedOrNull, same, withoutId, type IdMap } from './rows';

/**
 * The rest of a workstation's history, after its calls, moments, rubrics and evaluations
 * (copy-history.ts): wow reels, mystery scenarios and shops, review-queue plans with their weekly draws,
 * and where each call was left off. Found again by what each is on a second run, as there:
 *
 * - reels by title, creator and creation time (with their moments, in order);
 * - mystery scenarios by title and shops by the agency's shop id (both unique in a team too), a shop
 *   with its audit trail; its answers' pinned moments and a correction's before/after name the team's
 *   rows;
 * - queue plans by name (unique in a team): the one made on this workstation (same creation time) is
 *   found, a different plan of that name is left as it is and the workstation's is named as not copied;
 *   draws by plan and week, with their items, replacements, shortfalls and top-ups ("Draw more");
 * - playback positions: a team keeps one per call for everyone (services/review/playback.ts), so the
 *   workstation's is copied only where the team has none; someone's later listening is never undone.
 */

/** A thing the import leaves out, and why, for the command's summary. */
export interface LeftOut {
  what: string;
  count: number;
  why: string;
}

/** Workstation recording → team recording: a call's recording is found by its call and its file's hash. */
export async function recordingMap(c: CopyContext, interactions: IdMap): Promise<IdMap> {
  const recordings: IdMap = new Map();
  const rows = await c.src
    .selectFrom('recordings')
    .select(['id', 'interaction_id', 'sha256'])
    .orderBy('id')
    .execute();
  for (const recording of rows) {
    const found = await c.dst
      .selectFrom('recordings')
      .select('id')
      .where('interaction_id', '=', mapped(interactions, recording.interaction_id, 'call'))
      .where('sha256', '=', recording.sha256)
      .orderBy('id')
      .executeTakeFirst();
    if (found) recordings.set(recording.id, found.id);
  }
  return recordings;
}

export async function copyReels(c: CopyContext, moments: IdMap): Promise<void> {
  for (const reel of await c.src.selectFrom('reels').selectAll().orderBy('id').execute()) {
    const createdBy = mappedOrNull(c.profiles, reel.created_by, 'profile');
    const found = await c.dst
      .selectFrom('reels')
      .select('id')
      .where('title', '=', reel.title)
      .where('created_at', '=', reel.created_at)
      .where(same('created_by', createdBy))
      .executeTakeFirst();
    const { id, isNew } = await foundOrInserted(c, 'reels', found, () =>
      insertReturningId(c.dst, 'reels', { ...withoutId(reel), created_by: createdBy }),
    );
    if (!isNew) continue;
    const held = await c.src
      .selectFrom('reel_moments')
      .select(['moment_id', 'position'])
      .where('reel_id', '=', reel.id)
      .orderBy('position')
      .execute();
    await insertMany(
      c.dst,
      'reel_moments',
      held.map((row) => ({
        reel_id: id,
        moment_id: mapped(moments, row.moment_id, 'moment'),
        position: row.position,
      })),
    );
  }
}

/** Scenarios and shops; returns workstation shop row → team shop row (for coaching sessions). */
export async function copyMysteryShops(
  c: CopyContext,
  refs: { agents: IdMap; versions: IdMap; recordings: IdMap; moments: IdMap },
): Promise<IdMap> {
  const scenarios: IdMap = new Map();
  for (const scenario of await c.src.selectFrom('mystery_scenarios').selectAll().orderBy('id').execute()) {
    const found = await c.dst
      .selectFrom('mystery_scenarios')
      .select('id')
      .where(sql`lower(title)`, '=', scenario.title.toLowerCase())
      .executeTakeFirst();
    const added = await foundOrInserted(c, 'mysteryScenarios', found, () =>
      insertReturningId(c.dst, 'mystery_scenarios', withoutId(scenario)),
    );
    scenarios.set(scenario.id, added.id);
  }
  const ids = { ...refs, scenarios };
  const shops: IdMap = new Map();
  for (const shop of await c.src.selectFrom('mystery_shops').selectAll().orderBy('id').execute()) {
    const found = await c.dst
      .selectFrom('mystery_shops')
      .select('id')
      .where('shop_id', '=', shop.shop_id)
      .executeTakeFirst();
    const { id, isNew } = await foundOrInserted(c, 'mysteryShops', found, () =>
      insertReturningId(c.dst, 'mystery_shops', {
        ...withoutId(shop),
        agent_id: mappedOrNull(refs.agents, shop.agent_id, 'agent'),
        scenario_id: mappedOrNull(scenarios, shop.scenario_id, 'mystery scenario'),
        rubric_version_id: mapped(refs.versions, shop.rubric_version_id, 'rubric version'),
        recording_id: shop.recording_id === null ? null : (refs.recordings.get(shop.recording_id) ?? null),
        answers: JSON.stringify(teamAnswers(JSON.parse(shop.answers), refs.moments)),
      }),
    );
    shops.set(shop.id, id);
    if (!isNew) continue;
    const audit = await c.src
      .selectFrom('mystery_shop_audit')
      .selectAll()
      .where('shop_row_id', '=', shop.id)
      .orderBy('id')
      .execute();
    await insertMany(
      c.dst,
      'mystery_shop_audit',
      audit.map((row) => ({
        ...withoutId(row),
        shop_row_id: id,
        profile_id: mappedOrNull(c.profiles, row.profile_id, 'profile'),
        changes: JSON.stringify(teamChanges(JSON.parse(row.changes), ids)),
      })),
    );
  }
  return shops;
}

/** Answers with their pinned moments named as the team's; a moment gone from the workstation is left out. */
function teamAnswers(answers: unknown, moments: IdMap): unknown {
  if (!Array.isArray(answers)) return answers;
  return answers.map((answer: unknown) => {
    if (!answer || typeof answer !== 'object' || !('momentIds' in answer) || !Array.isArray(answer.momentIds))
      return answer;
    return { ...answer, momentIds: known(moments, answer.momentIds as unknown[]) };
  });
}

/**
 * A correction's before and after, with the rows they name as the team's: a row the team does not have
 * becomes null (never another row that happens to have that id).
 */
function teamChanges(
  changes: unknown,
  ids: { agents: IdMap; scenarios: IdMap; recordings: IdMap; moments: IdMap },
): unknown {
  if (!Array.isArray(changes)) return changes;
  const byField: Record<string, IdMap> = {
    agentId: ids.agents,
    scenarioId: ids.scenarios,
    recordingId: ids.recordings,
  };
  const value = (field: string, given: unknown) => {
    if (field === 'answers') return teamAnswers(given, ids.moments);
    const map = byField[field];
    if (!map || typeof given !== 'number') return given;
    return map.get(given) ?? null;
  };
  return changes.map((change: unknown) => {
    if (!change || typeof change !== 'object' || !('field' in change) || typeof change.field !== 'string')
      return change;
    const { field } = change;
    return {
      ...change,
      ...('before' in change ? { before: value(field, change.before) } : {}),
      ...('after' in change ? { after: value(field, change.after) } : {}),
    };
  });
}

/** Review-queue plans, their reviewers, draws and items. Returns the plans left out (a name the team has). */
export async function copyQueuePlans(
  c: CopyContext,
  refs: { teams: IdMap; agents: IdMap; interactions: IdMap },
): Promise<LeftOut[]> {
  const clashes: string[] = [];
  for (const plan of await c.src.selectFrom('queue_plans').selectAll().orderBy('id').execute()) {
    const found = await c.dst
      .selectFrom('queue_plans')
      .select(['id', 'created_at'])
      .where(sql`lower(name)`, '=', plan.name.toLowerCase())
      .executeTakeFirst();
    if (found && found.created_at !== plan.created_at) {
      clashes.push(plan.name);
      continue;
    }
    const { id: planId, isNew } = await foundOrInserted(c, 'queuePlans', found, () =>
      insertReturningId(c.dst, 'queue_plans', {
        ...withoutId(plan),
        filters: JSON.stringify(teamFilters(JSON.parse(plan.filters), refs.teams)),
        created_by: mappedOrNull(c.profiles, plan.created_by, 'profile'),
      }),
    );
    if (isNew) {
      const reviewers = await c.src
        .selectFrom('queue_plan_reviewers')
        .select('profile_id')
        .where('plan_id', '=', plan.id)
        .execute();
      // Two workstation profiles may go to one account: one row for it.
      const profileIds = new Set(reviewers.map((row) => mapped(c.profiles, row.profile_id, 'profile')));
      await insertMany(
        c.dst,
        'queue_plan_reviewers',
        [...profileIds].map((profile_id) => ({ plan_id: planId, profile_id })),
      );
    }
    await copyDraws(c, plan.id, planId, refs);
  }
  return clashes.length > 0
    ? [
        {
          what: 'review-queue plans',
          count: clashes.length,
          why: `the team has a different plan of the same name (${clashes.map((name) => `"${name}"`).join(', ')}); rename one of the two and run the import again`,
        },
      ]
    : [];
}

async function copyDraws(
  c: CopyContext,
  fromPlan: number,
  toPlan: number,
  refs: { teams: IdMap; agents: IdMap; interactions: IdMap },
): Promise<void> {
  const draws = await c.src
    .selectFrom('queue_draws')
    .selectAll()
    .where('plan_id', '=', fromPlan)
    .orderBy('id')
    .execute();
  for (const draw of draws) {
    const found = await c.dst
      .selectFrom('queue_draws')
      .select('id')
      .where('plan_id', '=', toPlan)
      .where('week', '=', draw.week)
      .executeTakeFirst();
    const { id: drawId, isNew } = await foundOrInserted(c, 'queueDraws', found, () =>
      insertReturningId(c.dst, 'queue_draws', {
        ...withoutId(draw),
        ...teamDrawn(c, draw, refs),
        plan_id: toPlan,
      }),
    );
    if (!isNew) continue;
    // "Draw more" on that week, each with the plan as it then was; its items point at it.
    const topUps = await c.src
      .selectFrom('queue_top_ups')
      .selectAll()
      .where('draw_id', '=', draw.id)
      .orderBy('id')
      .execute();
    const topUpIds: IdMap = new Map();
    for (const topUp of topUps) {
      topUpIds.set(
        topUp.id,
        await insertReturningId(c.dst, 'queue_top_ups', {
          ...withoutId(topUp),
          ...teamDrawn(c, topUp, refs),
          draw_id: drawId,
        }),
      );
    }
    // In id order: a replacement names the item it replaced, copied before it.
    const items = await c.src
      .selectFrom('queue_items')
      .selectAll()
      .where('draw_id', '=', draw.id)
      .orderBy('id')
      .execute();
    const itemIds: IdMap = new Map();
    for (const item of items) {
      itemIds.set(
        item.id,
        await insertReturningId(c.dst, 'queue_items', {
          ...withoutId(item),
          draw_id: drawId,
          interaction_id: mapped(refs.interactions, item.interaction_id, 'call'),
          agent_id: mapped(refs.agents, item.agent_id, 'agent'),
          reviewer_id: mapped(c.profiles, item.reviewer_id, 'profile'),
          replaces_id: mappedOrNull(itemIds, item.replaces_id, 'queue item'),
          top_up_id: mappedOrNull(topUpIds, item.top_up_id, 'top-up'),
          replaced_by: mappedOrNull(c.profiles, item.replaced_by, 'profile'),
        }),
      );
    }
  }
}

/** A draw's (or top-up's) plan as drawn, shortfalls and who drew it, named as the team database's. */
function teamDrawn(
  c: CopyContext,
  drawn: { plan_snapshot: string; short: string; drawn_by: number | null },
  refs: { teams: IdMap; agents: IdMap },
) {
  const snapshot = JSON.parse(drawn.plan_snapshot) as { filters: unknown; reviewerIds?: number[] };
  const short = JSON.parse(drawn.short) as { agentId: number | null; teamId: number | null }[];
  return {
    plan_snapshot: JSON.stringify({
      ...snapshot,
      filters: teamFilters(snapshot.filters, refs.teams),
      reviewerIds: [...new Set(known(c.profiles, snapshot.reviewerIds ?? []))],
    }),
    short: JSON.stringify(
      short.map((s) => ({
        ...s,
        agentId: s.agentId === null ? null : (refs.agents.get(s.agentId) ?? null),
        teamId: s.teamId === null ? null : (refs.teams.get(s.teamId) ?? null),
      })),
    ),
    drawn_by: mappedOrNull(c.profiles, drawn.drawn_by, 'profile'),
  };
}

/** A plan's filters with its teams named as the team database's. */
function teamFilters(filters: unknown, teams: IdMap): unknown {
  if (!filters || typeof filters !== 'object' || !('teamIds' in filters) || !Array.isArray(filters.teamIds))
    return filters;
  return { ...filters, teamIds: known(teams, filters.teamIds as unknown[]) };
}

/** The team's ids of those the map knows (a team deleted on the workstation since is left out). */
const known = (map: IdMap, ids: readonly unknown[]): number[] =>
  ids.flatMap((id) => {
    const to = typeof id === 'number' ? map.get(id) : undefined;
    return to === undefined ? [] : [to];
  });

/** Where each call was left off, for calls the team has no position for yet. */
export async function copyPlaybackPositions(c: CopyContext, interactions: IdMap): Promise<void> {
  const positions = await c.src.selectFrom('playback_positions').selectAll().execute();
  for (const position of positions) {
    const result = await c.dst
      .insertInto('playback_positions')
      .values({ ...position, interaction_id: mapped(interactions, position.interaction_id, 'call') })
      .onConflict((conflict) => conflict.column('interaction_id').doNothing())
      .executeTakeFirst();
    c.added.playbackPositions += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
}
