import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EvaluationResult } from '../../../../shared/rubric/outcome';
import { OutcomeIcon } from '../evaluation/OutcomeIcon';
import { formatPercent, resultColor } from '../evaluation/score-format';

/**
 * A shop's score as the library shows an evaluation's: the percent on a badge in its result's colour
 * and shape, the result in words on hover and for screen readers. An unfinished draft is grey.
 */
export function MysteryScore({ percent, result }: { percent: number | null; result: EvaluationResult }) {
  const { t, i18n } = useTranslation();
  if (percent === null && result === 'incomplete') {
    return (
      <Text span c="dimmed" size="sm" title={t('mysteryList.scoreNone')}>
        –
      </Text>
    );
  }
  const shown = formatPercent(percent, i18n.language);
  const words = t(`evaluation.result.${result}`);
  return (
    <Badge
      variant={
        result === 'pass' || result === 'incomplete'
          ? 'light'
          : result === 'belowTarget'
            ? 'outline'
            : 'filled'
      }
      color={resultColor[result]}
      leftSection={<OutcomeIcon result={result} size={12} />}
      title={words}
      aria-label={`${words}, ${shown}`}
      data-testid="mystery-score"
      data-result={result}
      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
    >
      {shown}
    </Badge>
  );
}
