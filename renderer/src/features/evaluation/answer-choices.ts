import type { AnswerValue } from '../../../../shared/rubric/answers';
import type { RubricItem } from '../../../../shared/rubric/schema';

/** An answer button: what it answers, its words, the key that gives it, and its colour. */
export interface Choice {
  key: string;
  value: AnswerValue;
  label: string;
  hint: string;
  color: string;
}

/** The answers an item offers, in the order of their keys; n.a. last where allowed. */
export function answerChoices(item: RubricItem, t: (key: string) => string): Choice[] {
  const na: Choice[] = item.naAllowed
    ? [{ key: 'na', value: { kind: 'na' }, label: t('evaluation.answers.na'), hint: 'A', color: 'gray' }]
    : [];
  if (item.type === 'yesNo') {
    return [
      { key: 'yes', value: { kind: 'yes' }, label: t('evaluation.answers.yes'), hint: 'Y', color: 'teal' },
      {
        key: 'no',
        value: { kind: 'no' },
        label: t('evaluation.answers.no'),
        hint: 'N',
        color: item.critical ? 'red' : 'orange',
      },
      ...na,
    ];
  }
  if (item.type === 'scale') {
    return [
      ...Array.from({ length: item.max + 1 }, (_, value): Choice => {
        const fails = (item.criticalWhen ?? [0]).includes(value);
        return {
          key: `scale-${value}`,
          value: { kind: 'scale', value },
          label: String(value),
          hint: String(value),
          color: value === item.max ? 'teal' : fails ? (item.critical ? 'red' : 'orange') : 'yellow',
        };
      }),
      ...na,
    ];
  }
  return [
    ...item.options.map((option, index): Choice => ({
      key: `choice-${option.id}`,
      value: { kind: 'choice', optionId: option.id },
      label: option.label,
      hint: index < 10 ? String((index + 1) % 10) : '',
      color: option.fail
        ? 'red'
        : option.points === Math.max(...item.options.map((o) => o.points))
          ? 'teal'
          : 'yellow',
    })),
    ...na,
  ];
}
