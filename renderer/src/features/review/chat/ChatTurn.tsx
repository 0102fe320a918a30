import { ActionIcon, Badge, Group, Paper, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../../shared/api';
import type { Moment } from '../../../../../shared/api/methods/review';
import { formatTime } from '../../../app/format';
import { PinIcon } from '../icons';

const PLACEMENT = { agent: 'flex-start', customer: 'flex-end', system: 'center' } as const;
const BACKGROUND = { agent: 'indigo.0', customer: 'teal.0', system: 'gray.1' } as const;

/** One chat message as a bubble: the agent on the left, the customer on the right, bots in the middle. */
export function ChatTurn({
  turn,
  selected,
  moments,
  onSelect,
  onPin,
  onOpenMoment,
}: {
  turn: Segment;
  selected: boolean;
  moments: readonly Moment[];
  onSelect: () => void;
  onPin: (() => void) | null;
  onOpenMoment: (moment: Moment) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    // The scroll margin brings a message into view with its outline, not just the bubble.
    <Group justify={PLACEMENT[turn.speaker]} style={{ scrollMargin: 6 }} data-turn-seq={turn.seq}>
      <Paper
        p="sm"
        maw={turn.speaker === 'system' ? '85%' : '70%'}
        radius="lg"
        className={`speaker-${turn.speaker}`}
        bg={BACKGROUND[turn.speaker]}
        onClick={onSelect}
        style={{
          cursor: 'pointer',
          outline: selected ? '2px solid var(--speaker-color)' : undefined,
          outlineOffset: 2,
        }}
        data-testid="chat-turn"
        data-selected={selected}
      >
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" fw={700} c="var(--speaker-color)">
            {t(`review.${turn.speaker}`)}{' '}
            <Text span c="dimmed" fw={400}>
              {formatTime(turn.sentAt, i18n.language)}
            </Text>
          </Text>
          <Group gap={4} wrap="nowrap">
            {moments.map((moment) => (
              <Badge
                key={moment.id}
                size="xs"
                variant="light"
                color="yellow"
                style={{ cursor: 'pointer' }}
                onClick={(event) => {
                  event.stopPropagation();
                  onOpenMoment(moment);
                }}
                data-testid="chat-moment"
              >
                {t('review.moments.marker')}
              </Badge>
            ))}
            {onPin && (
              <Tooltip label={t('review.chat.pin')}>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  onClick={(event) => {
                    event.stopPropagation();
                    onPin();
                  }}
                  aria-label={t('review.chat.pin')}
                  data-testid="chat-pin"
                >
                  <PinIcon size={14} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {turn.text}
        </Text>
      </Paper>
    </Group>
  );
}
