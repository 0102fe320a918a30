import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LibraryScore } from '../../../../shared/api';
import { OutcomeIcon } from '../evaluation/OutcomeIcon';
import { formatPercent, resultColor } from '../evaluation/score-format';

/**
 * The latest submitted evaluation's score with its outcome: colour, icon and (for screen readers and
 * on hover) the outcome in words; a dash when there is none yet.
 */
export function ScoreCell({ score }: { score: LibraryScore | null }) {
  const { t, i18n } = useTranslation();
  if (!score) {
    return (
      <Text span c="dimmed" size="sm" title={t('library.scoreNone')}>
        –
      </Text>
    );
  }
  const percent = formatPercent(score.percent, i18n.language);
  const outcome = t(`evaluation.result.${score.outcome}`);
  return (
    <Badge
      variant={score.outcome === 'pass' ? 'light' : score.outcome === 'belowTarget' ? 'outline' : 'filled'}
      color={resultColor[score.outcome]}
      leftSection={<OutcomeIcon result={score.outcome} size={12} />}
      title={outcome}
      aria-label={`${outcome}, ${percent}`}
      data-testid="library-score-value"
      data-outcome={score.outcome}
      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
    >
      {percent}
    </Badge>
  );
}
