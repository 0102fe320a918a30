import type { TFunction } from 'i18next';
import type { Answer } from '../../../../shared/rubric/answers';
import type { RubricItem } from '../../../../shared/rubric/schema';
import { answerLabel } from './answer-label';

/** What the screen reader last heard about: the item focused, and the one just answered by key. */
export interface Spoken {
  at: string;
  answered: string | null;
}

/**
 * The live announcement of the form: "Polite tone throughout: no. A comment is required; press C to
 * write it. Item 4 of 16, Listens: not answered." The answer given first (when it moved focus on), then
 * where focus is now, so a reviewer who cannot see the ring hears both.
 */
export function itemAnnouncement(
  spoken: Spoken | null,
  items: readonly RubricItem[],
  answers: ReadonlyMap<string, Answer>,
  missingComments: readonly string[],
  t: TFunction,
): string {
  if (!spoken) return '';
  const index = items.findIndex((item) => item.id === spoken.at);
  const item = items[index];
  if (!item) return '';
  const answerOf = (of: RubricItem) => {
    const value = answers.get(of.id)?.value ?? null;
    return value === null ? t('evaluation.announce.unanswered') : answerLabel(of, value, t);
  };
  const needs = (of: RubricItem) =>
    missingComments.includes(of.id) ? ` ${t('evaluation.announce.commentNeeded')}` : '';
  const here =
    t('evaluation.announce.item', {
      number: index + 1,
      total: items.length,
      title: item.title,
      answer: answerOf(item),
    }) + needs(item);
  const answered = items.find((candidate) => candidate.id === spoken.answered);
  if (!answered || answered.id === item.id) return here;
  return `${t('evaluation.announce.answered', { title: answered.title, answer: answerOf(answered) })}${needs(answered)} ${here}`;
}
