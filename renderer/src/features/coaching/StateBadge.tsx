import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CoachingState } from '../../../../shared/api/methods/coaching';

export function StateBadge({ state, size = 'sm' }: { state: CoachingState; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      variant={state === 'planned' ? 'light' : 'filled'}
      color={state === 'planned' ? 'indigo' : 'gray'}
      data-testid="coaching-state"
      data-state={state}
    >
      {t(`coaching.state.${state}`)}
    </Badge>
  );
}

/** "2 overdue" in red: the one thing a team lead must not miss in a list. */
export function OverdueBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Badge size="sm" color="red" variant="filled" data-testid="overdue-badge">
      {t('coaching.actions.overdueCount', { count })}
    </Badge>
  );
}
