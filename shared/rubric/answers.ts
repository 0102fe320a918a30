import { z } from 'zod';
import { Id } from '../api/schemas';
import { EarmarkError } from '../errors';
import { describeValue } from './issues';
import { rubricLimits, ElementId } from './schema';
import type { Rubric, RubricItem } from './schema';

/** One answer to one item. `na` removes the item from the score; it is only allowed where the item says so. */
export const AnswerValue = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('yes') }),
    z.strictObject({ kind: z.literal('no') }),
    z.strictObject({ kind: z.literal('scale'), value: z.number().int().min(0).max(rubricLimits.maxScale) }),
    z.strictObject({ kind: z.literal('choice'), optionId: ElementId }),
    z.strictObject({ kind: z.literal('na') }),
  ],
  {
    error: (issue) => {
      const input = issue.input as { kind?: unknown } | undefined;
      if (issue.code !== 'invalid_union' || typeof input !== 'object' || input === null) return undefined;
      return `unknown answer kind ${describeValue(input.kind)} (expected yes, no, scale, choice or na)`;
    },
  },
);
export type AnswerValue = z.infer<typeof AnswerValue>;

/**
 * The reviewer's entry for one item. `value: null` is "not answered yet": a draft may carry a comment
 * or pinned moments before the answer is chosen. An item with no entry at all is also unanswered.
 */
export const Answer = z.strictObject({
  itemId: ElementId,
  value: AnswerValue.nullable(),
  comment: z.string().max(4000).optional(),
  /** Moments in the recording or chat that back this answer up. */
  momentIds: z.array(Id).max(100).optional(),
});
export type Answer = z.infer<typeof Answer>;

export const EvaluationAnswers = z.array(Answer).superRefine((answers, ctx) => {
  const firstIndex = new Map<string, number>();
  answers.forEach((answer, index) => {
    const earlier = firstIndex.get(answer.itemId);
    if (earlier === undefined) firstIndex.set(answer.itemId, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [index, 'itemId'],
        message: `item '${answer.itemId}' is answered twice: [${earlier}] and [${index}]`,
      });
  });
});
export type EvaluationAnswers = z.infer<typeof EvaluationAnswers>;

/** Items by id, with the section each belongs to. */
export function itemsById(rubric: Rubric): Map<string, { item: RubricItem; sectionId: string }> {
  const map = new Map<string, { item: RubricItem; sectionId: string }>();
  for (const section of rubric.sections)
    for (const item of section.items) map.set(item.id, { item, sectionId: section.id });
  return map;
}

/** Why an answer does not fit its item, or null when it does. */
export function answerMismatch(item: RubricItem, value: AnswerValue): string | null {
  if (value.kind === 'na') return item.naAllowed ? null : 'n.a. is not allowed for this item';
  switch (item.type) {
    case 'yesNo':
      return value.kind === 'yes' || value.kind === 'no'
        ? null
        : `a yes/no item takes yes or no (got ${value.kind})`;
    case 'scale':
      if (value.kind !== 'scale') return `a scale item takes a scale value (got ${value.kind})`;
      return value.value <= item.max
        ? null
        : `scale value ${value.value} is above the item's maximum ${item.max}`;
    case 'choice':
      if (value.kind !== 'choice') return `a choice item takes one of its options (got ${value.kind})`;
      if (item.options.some((o) => o.id === value.optionId)) return null;
      return `no option '${value.optionId}' (expected ${item.options.map((o) => o.id).join(', ')})`;
  }
}

/** Every way the answers do not fit the rubric, each naming the answer; empty when they fit. */
export function answerProblems(rubric: Rubric, answers: readonly Answer[]): string[] {
  const items = itemsById(rubric);
  const problems: string[] = [];
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const where = `answers[${index}] ('${answer.itemId}')`;
    const entry = items.get(answer.itemId);
    if (seen.has(answer.itemId)) problems.push(`${where}: the item is answered twice`);
    seen.add(answer.itemId);
    if (entry === undefined) problems.push(`${where}: rubric '${rubric.id}' has no such item`);
    else if (answer.value !== null) {
      const mismatch = answerMismatch(entry.item, answer.value);
      if (mismatch !== null) problems.push(`${where}: ${mismatch}`);
    }
  });
  return problems;
}

/** Answers scored against the wrong rubric (version) are a bug, never something to score quietly. */
export function assertAnswersFit(rubric: Rubric, answers: readonly Answer[]): void {
  const problems = answerProblems(rubric, answers);
  if (problems.length > 0) {
    throw new EarmarkError(
      'invalid_params',
      `Answers do not fit the rubric: ${problems.slice(0, 5).join('; ')}`,
    );
  }
}
