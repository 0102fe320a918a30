import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LibraryScore } from '../../../../shared/api';
import { formatPercent, resultColor } from '../evaluation/score-format';

/** The latest submitted evaluation's score, coloured by its result; a dash when there is none yet. */
export function ScoreCell({ score }: { score: LibraryScore | null }) {
  const { t, i18n } = useTranslation();
  if (!score) {
    return (
      <Text span c="dimmed" size="sm" title={t('library.scoreNone')}>
        –
      </Text>
    );
  }
  return (
    <Badge
      variant="light"
      color={resultColor[score.result]}
      title={t(`evaluation.result.${score.result}`)}
      data-testid="library-score-value"
      data-result={score.result}
      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
    >
      {formatPercent(score.percent, i18n.language)}
    </Badge>
  );
}
