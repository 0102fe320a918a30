import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../app/format';
import type { Wait } from './chat-waits';

/** "waited 4 min 17 s" between a customer's message and the agent's reply; long waits in red. */
export function WaitMarker({ wait }: { wait: Wait }) {
  const { t, i18n } = useTranslation();
  const minutes = Math.floor(wait.waitedMs / 60_000);
  const seconds = Math.round((wait.waitedMs % 60_000) / 1000);
  const duration =
    minutes > 0
      ? t('review.chat.minutesSeconds', { minutes, seconds })
      : t('review.chat.seconds', { seconds });
  return (
    <Group justify="center" my={2}>
      <Tooltip label={t('review.chat.waitSince', { time: formatTime(wait.since, i18n.language) })}>
        <Badge
          variant={wait.long ? 'filled' : 'light'}
          color={wait.long ? 'red' : 'gray'}
          size="sm"
          radius="sm"
          tt="none"
          data-testid="chat-wait"
          data-long={wait.long}
        >
          {wait.long ? t('review.chat.longWait', { duration }) : t('review.chat.waited', { duration })}
        </Badge>
      </Tooltip>
    </Group>
  );
}
