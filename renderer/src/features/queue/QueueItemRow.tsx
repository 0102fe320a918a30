import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueueItem, QueueItemState } from '../../../../shared/api/methods/queue';
import { sampledWeek } from '../../../../shared/queue/week';
import { formatDateTime, formatDuration } from '../../app/format';
import { shownDay } from './queue-week';

const stateColor: Record<QueueItemState, string> = {
  open: 'gray',
  started: 'yellow',
  done: 'green',
  replaced: 'red',
};

/** Where a reviewer works on an item: the review workspace with the evaluation form docked beside it. */
export const itemAddress = (item: QueueItem) => `/interaction/${item.interaction.id}?dock=evaluation`;

/**
 * One item of a queue: what it is, whose, why it was drawn (or what it replaced), how far its review
 * is, and, while it is not reviewed, the way to replace it.
 */
export function QueueItemRow({
  item,
  showReviewer = false,
  onReplace,
}: {
  item: QueueItem;
  showReviewer?: boolean;
  onReplace?: ((item: QueueItem) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const replaced = item.state === 'replaced';
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="queue-item"
      data-state={item.state}
      data-item-id={item.id}
      data-interaction-id={item.interaction.id}
      opacity={replaced ? 0.65 : 1}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Badge color={stateColor[item.state]} variant="light" data-testid="queue-item-state">
              {t(`queue.item.state.${item.state}`)}
            </Badge>
            <Badge variant="outline" color={item.interaction.kind === 'call' ? 'indigo' : 'teal'}>
              {t(`library.kind.${item.interaction.kind}`)}
            </Badge>
            {replaced ? (
              <Text fw={600} td="line-through" lineClamp={1}>
                {item.interaction.title}
              </Text>
            ) : (
              <Anchor
                component={Link}
                to={itemAddress(item)}
                fw={600}
                lineClamp={1}
                data-testid="queue-item-open"
              >
                {item.interaction.title}
              </Anchor>
            )}
          </Group>
          <Text size="sm">
            {[
              item.agent.name,
              item.agent.teamName,
              shownDay(item.day, i18n.language),
              item.interaction.durationMs !== null ? formatDuration(item.interaction.durationMs) : null,
              showReviewer ? t('queue.item.reviewer', { name: item.reviewer.name }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Text size="xs" c="dimmed" data-testid="queue-item-why">
            {item.replacesId !== null
              ? t('queue.item.replacement')
              : t(item.topUpId !== null ? 'queue.item.whyMore' : 'queue.item.why', {
                  agent: item.agent.name,
                  pool: item.pool,
                  week: sampledWeek(item.week),
                  plan: item.planName,
                  when: formatDateTime(item.assignedAt, i18n.language),
                })}
          </Text>
          {item.replaced && (
            <Text size="xs" c="red.8" data-testid="queue-item-replaced">
              {t('queue.item.replacedBecause', {
                who: item.replaced.by?.name ?? '–',
                reason: item.replaced.reason,
              })}
            </Text>
          )}
        </Stack>
        {onReplace && (item.state === 'open' || item.state === 'started') && (
          <Button
            variant="subtle"
            color="gray"
            size="xs"
            // The row's text takes what is left: the button's word is never squeezed.
            style={{ flexShrink: 0 }}
            onClick={() => onReplace(item)}
            data-testid="queue-item-replace"
          >
            {t('queue.item.replace')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
