import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../shared/api';
import { formatTime } from '../../app/format';

/** A chat as bubbles: agent on the left, customer on the right, with the send time where the source has it. */
export function ChatView({ turns }: { turns: Segment[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-testid="chat">
      {turns.map((turn) => (
        <Group key={turn.seq} justify={turn.speaker === 'agent' ? 'flex-start' : 'flex-end'}>
          <Paper
            p="sm"
            maw="70%"
            radius="lg"
            className={`speaker-${turn.speaker}`}
            bg={turn.speaker === 'agent' ? 'indigo.0' : 'teal.0'}
            data-testid="chat-turn"
          >
            <Text size="xs" fw={700} c="var(--speaker-color)">
              {t(`review.${turn.speaker}`)}{' '}
              <Text span c="dimmed" fw={400}>
                {formatTime(turn.sentAt, i18n.language)}
              </Text>
            </Text>
            <Text size="sm">{turn.text}</Text>
          </Paper>
        </Group>
      ))}
    </Stack>
  );
}
