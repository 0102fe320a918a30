import type { TFunction } from 'i18next';
import type { AnswerValue } from '../../../../shared/rubric/answers';
import type { RubricItem } from '../../../../shared/rubric/schema';

/** An answer in words: "yes", "n.a.", "2 of 2", or the option's label; "–" when unanswered. */
export function answerLabel(item: RubricItem | undefined, value: AnswerValue | null, t: TFunction): string {
  if (value === null) return t('evaluation.answers.none');
  switch (value.kind) {
    case 'yes':
    case 'no':
    case 'na':
      return t(`evaluation.answers.${value.kind}`);
    case 'scale':
      return t('evaluation.answers.scale', {
        value: value.value,
        max: item?.type === 'scale' ? item.max : '?',
      });
    case 'choice': {
      const options = item?.type === 'choice' ? item.options : [];
      return options.find((option) => option.id === value.optionId)?.label ?? value.optionId;
    }
  }
}

export const sameAnswer = (a: AnswerValue | null, b: AnswerValue | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);
