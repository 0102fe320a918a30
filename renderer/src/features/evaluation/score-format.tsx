import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EvaluationResult } from '../../../../shared/rubric/scoring';

/** 73.1 → "73.1 %" / "73,1 %"; null (nothing could be earned) → "–". */
export function formatPercent(value: number | null, language: string): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** Points with at most two decimals (weights allow them): 9, 10.5, 0.25. */
export function formatPoints(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** One colour per result wherever a score is shown (badges, the library's score column). */
export const resultColor: Record<EvaluationResult, string> = {
  pass: 'teal',
  fail: 'red',
  incomplete: 'gray',
};

export function ResultBadge({
  result,
  size = 'md',
}: {
  result: EvaluationResult;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={resultColor[result]}
      size={size}
      variant={result === 'incomplete' ? 'light' : 'filled'}
      data-result={result}
    >
      {t(`evaluation.result.${result}`)}
    </Badge>
  );
}
