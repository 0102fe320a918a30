import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayCall } from '../../../../shared/permissions/roles';
import { sampledWeek } from '../../../../shared/queue/week';
import { api } from '../../api/client';
import { useCurrentReviewer } from '../profiles/useProfiles';

/**
 * On the review workspace: why this interaction is in a review queue (which plan and week drew it, for
 * whom, from how many), and the way back to My queue for the next one. Nothing when no queue drew it,
 * or for a role that has no queue (a team lead).
 */
export function QueueNote({ interactionId }: { interactionId: number }) {
  const { t } = useTranslation();
  const reviewer = useCurrentReviewer();
  const allowed = reviewer !== null && mayCall(reviewer.role, 'queue.why');
  const why = useQuery({
    queryKey: ['queue', 'why', interactionId],
    queryFn: () => api.queue.why({ interactionId }),
    enabled: allowed,
  });
  const item = (why.data ?? []).filter((entry) => entry.state !== 'replaced').at(-1);
  if (!allowed || !item) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="queue-note" data-item-id={item.id}>
      {t('queue.note.drawn', {
        week: item.week,
        reviewer: item.reviewer.name,
      })}{' '}
      {item.replacesId !== null
        ? t('queue.item.replacement')
        : t('queue.item.why', {
            agent: item.agent.name,
            pool: item.pool,
            week: sampledWeek(item.week),
            plan: item.planName,
          })}{' '}
      {item.reviewer.id === reviewer.id && (
        <Anchor component={Link} to={`/queue?week=${item.week}`} size="xs" data-testid="queue-note-back">
          {t('queue.note.back')}
        </Anchor>
      )}
    </Text>
  );
}
