import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EvaluationResult } from '../../../../shared/rubric/outcome';
import { OutcomeIcon } from './OutcomeIcon';

/** 73.1 → "73.1 %" / "73,1 %"; null (nothing could be earned) → "–". */
export function formatPercent(value: number | null, language: string): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** Points with at most two decimals (weights allow them): 9, 10.5, 0.25. */
export function formatPoints(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** One colour per result wherever a score is shown (badges, the library's score column, the trend). */
export const resultColor: Record<EvaluationResult, string> = {
  pass: 'teal',
  belowTarget: 'orange',
  criticalFail: 'red',
  incomplete: 'gray',
};

/** The result in words with its icon: the same badge on the form, summary, agent page and coaching. */
export function ResultBadge({
  result,
  size = 'md',
}: {
  result: EvaluationResult;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}) {
  const { t } = useTranslation();
  const iconSize = { sm: 11, md: 13, lg: 15, xl: 17 }[size];
  return (
    <Badge
      color={resultColor[result]}
      size={size}
      // Orange under white text is hard to read; below target gets dark text on a light fill.
      variant={result === 'incomplete' || result === 'belowTarget' ? 'light' : 'filled'}
      leftSection={<OutcomeIcon result={result} size={iconSize} />}
      styles={result === 'belowTarget' ? { root: { border: '1px solid currentColor' } } : undefined}
      data-result={result}
      data-testid="result-badge"
    >
      {t(`evaluation.result.${result}`)}
    </Badge>
  );
}
