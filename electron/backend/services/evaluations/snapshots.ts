import type { AnswerChange, AnswerSnapshot } from '../../../../shared/api/methods/evaluations';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';

/** The answers as submitted: what the audit trail compares the next submit against. */
export interface SubmittedSnapshot {
  answers: Record<string, AnswerSnapshot>;
  overallComment: string;
}

const isEmpty = (s: AnswerSnapshot) => s.value === null && s.comment === '' && s.momentIds.length === 0;

export function snapshotOf(answers: readonly Answer[], overallComment: string): SubmittedSnapshot {
  const entries: Record<string, AnswerSnapshot> = {};
  for (const answer of answers) {
    const snapshot = {
      value: answer.value,
      comment: answer.comment ?? '',
      momentIds: [...(answer.momentIds ?? [])],
    };
    if (!isEmpty(snapshot)) entries[answer.itemId] = snapshot;
  }
  return { answers: entries, overallComment };
}

const valueKey = (value: AnswerValue | null): string => {
  if (value === null) return '';
  if (value.kind === 'scale') return `scale:${value.value}`;
  if (value.kind === 'choice') return `choice:${value.optionId}`;
  return value.kind;
};

const sameSnapshot = (a: AnswerSnapshot | undefined, b: AnswerSnapshot | undefined): boolean =>
  valueKey(a?.value ?? null) === valueKey(b?.value ?? null) &&
  (a?.comment ?? '') === (b?.comment ?? '') &&
  (a?.momentIds ?? []).join(',') === (b?.momentIds ?? []).join(',');

/** Every item whose answer, comment or moments differ, in form order; then the overall comment. */
export function diffSnapshots(
  before: SubmittedSnapshot,
  after: SubmittedSnapshot,
  order: (itemId: string) => number,
): AnswerChange[] {
  const itemIds = [...new Set([...Object.keys(after.answers), ...Object.keys(before.answers)])].sort(
    (a, b) => order(a) - order(b),
  );
  const changes: AnswerChange[] = itemIds
    .filter((itemId) => !sameSnapshot(before.answers[itemId], after.answers[itemId]))
    .map((itemId) => ({
      itemId,
      before: before.answers[itemId] ?? null,
      after: after.answers[itemId] ?? null,
    }));
  if (before.overallComment !== after.overallComment) {
    changes.push({
      itemId: null,
      before: null,
      after: null,
      commentBefore: before.overallComment,
      commentAfter: after.overallComment,
    });
  }
  return changes;
}
