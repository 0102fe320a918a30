import type { AnswerPatch } from '../../../shared/api/methods/evaluations';
import type { AnswerValue } from '../../../shared/rubric/answers';
import { defaultRubric } from '../../../shared/rubric/defaults';
import type { RubricItem } from '../../../shared/rubric/schema';

/**
 * The changes the kill driver saves, as a pure function of the revision each one makes: revision n is
 * always the same change, so after a kill the checker can say exactly what the database must hold.
 * Like a reviewer at work: mostly a comment growing a character at a time, now and then an answer,
 * sometimes the overall comment.
 */

export const soakRubric = defaultRubric('en');
const items: RubricItem[] = soakRubric.sections.flatMap((section) => section.items);
const TEXT =
  'Agent greets promptly, gives her name, listens without interrupting; explains the refund clearly and ' +
  'offers to credit the next bill instead. Ä ö å – “quotes” too. ';

function valueFor(item: RubricItem, n: number): AnswerValue {
  if (item.type === 'yesNo')
    return n % 3 === 0 && item.naAllowed ? { kind: 'na' } : { kind: n % 2 ? 'yes' : 'no' };
  if (item.type === 'scale') return { kind: 'scale', value: n % (item.max + 1) };
  return { kind: 'choice', optionId: item.options[n % item.options.length]!.id };
}

export interface SoakChange {
  answers: AnswerPatch[];
  overallComment?: string;
}

export function changeFor(revision: number): SoakChange {
  if (revision % 13 === 0) return { answers: [], overallComment: `Overall, revision ${revision}.` };
  const item = items[Math.floor(revision / 7) % items.length]!;
  if (revision % 7 === 0) return { answers: [{ itemId: item.id, value: valueFor(item, revision) }] };
  // The comment of the item in hand grows by one character per save.
  const length = (revision % 120) + 1;
  return { answers: [{ itemId: item.id, comment: TEXT.repeat(2).slice(0, length) }] };
}

export interface SoakState {
  answers: Map<string, { value: AnswerValue | null; comment: string }>;
  overallComment: string;
}

/** What the evaluation holds after revisions 1..`revision`. */
export function expectedState(revision: number): SoakState {
  const state: SoakState = { answers: new Map(), overallComment: '' };
  for (let n = 1; n <= revision; n++) {
    const change = changeFor(n);
    if (change.overallComment !== undefined) state.overallComment = change.overallComment;
    for (const patch of change.answers) {
      const current = state.answers.get(patch.itemId) ?? { value: null, comment: '' };
      state.answers.set(patch.itemId, {
        value: patch.value === undefined ? current.value : patch.value,
        comment: patch.comment ?? current.comment,
      });
    }
  }
  return state;
}
