import { MAX_LINKED_MOMENTS, type FocusItem } from '../../../../shared/api/methods/coaching';
import { builtinTags, type BuiltinTag } from '../../../../shared/api/methods/review';
import type { Query } from '../../db/schema';
import { countedItems, itemKey, type ScoredEvaluation } from '../agents/scored-evaluations';

/** How many focus items a session proposes: a one-to-one that tries to fix everything fixes nothing. */
export const PROPOSED_FOCUS_ITEMS = 5;

/**
 * Built-in tags worth bringing to a one-to-one: the problems reviewers flag, and the praise, so the
 * agent hears what went well too. Reviewers' own tags are left to the coach to pick.
 */
const PROPOSED_TAGS: readonly BuiltinTag[] = builtinTags;

interface Loss {
  focus: FocusItem;
  /** Hundredths of a point, so sums stay exact. */
  lost: number;
  criticalFails: number;
  misses: number;
  /** Where it first appears: the coach's order of evaluations, then the form's order. */
  firstSeen: number;
}

/**
 * The items these evaluations lost most points on (weights included), at most five, only items that
 * lost something. Ties go to the item with more critical fails, then more misses, then the one met
 * first. Titles are the ones of the latest submitted evaluation that has the item.
 */
export function proposeFocusItems(evaluations: readonly ScoredEvaluation[]): FocusItem[] {
  const losses = new Map<string, Loss>();
  let seen = 0;
  for (const evaluation of evaluations) {
    for (const { score, sectionTitle, missed } of countedItems(evaluation)) {
      const key = itemKey(score.sectionId, score.itemId);
      let loss = losses.get(key);
      if (!loss) {
        loss = {
          focus: { itemId: score.itemId, title: score.title, sectionTitle },
          lost: 0,
          criticalFails: 0,
          misses: 0,
          firstSeen: seen++,
        };
        losses.set(key, loss);
      }
      loss.lost += Math.round(score.possible * 100) - Math.round(score.earned * 100);
      if (score.criticalFail) loss.criticalFails += 1;
      if (missed) loss.misses += 1;
    }
  }
  // Titles as the latest evaluation words them (a later version may have renamed the item).
  const latestFirst = [...evaluations].sort((a, b) =>
    (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''),
  );
  const titled = new Set<string>();
  for (const evaluation of latestFirst) {
    for (const { score, sectionTitle } of countedItems(evaluation)) {
      const key = itemKey(score.sectionId, score.itemId);
      const loss = losses.get(key);
      if (!loss || titled.has(key)) continue;
      loss.focus = { itemId: score.itemId, title: score.title, sectionTitle };
      titled.add(key);
    }
  }
  return [...losses.values()]
    .filter((loss) => loss.lost > 0)
    .sort(
      (a, b) =>
        b.lost - a.lost ||
        b.criticalFails - a.criticalFails ||
        b.misses - a.misses ||
        a.firstSeen - b.firstSeen,
    )
    .slice(0, PROPOSED_FOCUS_ITEMS)
    .map((loss) => loss.focus);
}

interface ProposedRow {
  id: number;
  interaction_id: number;
  start_ms: number | null;
  turn_seq: number | null;
}

/**
 * The moments to go through: those the evaluations' answers point to, and those on the evaluated calls
 * and chats that carry a built-in problem tag or the exemplary tag. In the coach's order of evaluations,
 * then in the order they happen in each call; at most as many as a session can link.
 */
export async function proposeMoments(q: Query, evaluations: readonly ScoredEvaluation[]): Promise<number[]> {
  if (evaluations.length === 0) return [];
  const rows: ProposedRow[] = await q
    .selectFrom('moments as m')
    .select(['m.id', 'm.interaction_id', 'm.start_ms', 'm.turn_seq'])
    .where((eb) =>
      eb.or([
        eb(
          'm.id',
          'in',
          eb
            .selectFrom('evaluation_answer_moments')
            .select('moment_id')
            .where(
              'evaluation_id',
              'in',
              evaluations.map((e) => e.id),
            ),
        ),
        eb.and([
          eb(
            'm.interaction_id',
            'in',
            evaluations.map((e) => e.interactionId),
          ),
          eb.exists(
            eb
              .selectFrom('moment_tags as x')
              .innerJoin('tags as t', 't.id', 'x.tag_id')
              .select('x.moment_id')
              .whereRef('x.moment_id', '=', 'm.id')
              .where('t.builtin', 'in', PROPOSED_TAGS),
          ),
        ]),
      ]),
    )
    .execute();
  const interactionOrder = new Map<number, number>();
  evaluations.forEach((e, index) => {
    if (!interactionOrder.has(e.interactionId)) interactionOrder.set(e.interactionId, index);
  });
  const place = (row: ProposedRow) => interactionOrder.get(row.interaction_id) ?? Number.MAX_SAFE_INTEGER;
  const big = Number.MAX_SAFE_INTEGER;
  return rows
    .sort(
      (a, b) =>
        place(a) - place(b) ||
        (a.start_ms ?? big) - (b.start_ms ?? big) ||
        (a.turn_seq ?? big) - (b.turn_seq ?? big) ||
        a.id - b.id,
    )
    .slice(0, MAX_LINKED_MOMENTS)
    .map((row) => row.id);
}
