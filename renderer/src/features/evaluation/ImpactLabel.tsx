import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ItemImpact } from '../../../../shared/rubric/explain';
import { formatPoints } from './score-format';

/** How this item moved the score: "2 / 2", "−1 pt", "n.a.", or the critical fail. */
export function ImpactLabel({ impact }: { impact: ItemImpact | undefined }) {
  const { t, i18n } = useTranslation();
  if (!impact) return null;
  if (impact.criticalFail)
    return (
      <Badge color="red" size="sm" data-testid="item-impact">
        {t('evaluation.impact.criticalFail')}
      </Badge>
    );
  if (impact.status === 'na')
    return (
      <Text size="xs" c="dimmed" data-testid="item-impact">
        {t('evaluation.impact.na', { possible: formatPoints(impact.possible, i18n.language) })}
      </Text>
    );
  if (impact.status === 'unanswered')
    return (
      <Text size="xs" c="dimmed" data-testid="item-impact">
        {t('evaluation.impact.open', { possible: formatPoints(impact.possible, i18n.language) })}
      </Text>
    );
  return (
    <Text size="xs" c={impact.lost > 0 ? 'orange.8' : 'teal.8'} fw={600} data-testid="item-impact">
      {t('evaluation.impact.counted', {
        earned: formatPoints(impact.earned, i18n.language),
        possible: formatPoints(impact.possible, i18n.language),
      })}
      {impact.lost > 0 &&
        ` (${t('evaluation.impact.lost', { lost: formatPoints(impact.lost, i18n.language) })})`}
    </Text>
  );
}
