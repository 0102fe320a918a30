import { Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../shared/api';
import { formatDuration } from '../../app/format';

/** Speaker-coloured turns; the one being heard is highlighted; clicking a turn plays from there. */
export function Transcript({
  segments,
  currentMs,
  onSeek,
}: {
  segments: Segment[];
  currentMs: number;
  onSeek: (ms: number) => void;
}) {
  const { t } = useTranslation();
  if (segments.length === 0) return <Text c="dimmed">{t('review.noTranscript')}</Text>;
  return (
    <ScrollArea.Autosize mah="calc(100vh - 360px)" data-testid="transcript">
      <Stack gap={6}>
        {segments.map((segment) => {
          const active =
            segment.startMs !== null &&
            segment.endMs !== null &&
            currentMs >= segment.startMs &&
            currentMs < segment.endMs;
          return (
            <UnstyledButton
              key={segment.seq}
              onClick={() => segment.startMs !== null && onSeek(segment.startMs)}
              className={`speaker-${segment.speaker}`}
              data-testid="transcript-segment"
              data-active={active}
            >
              <Paper
                p="xs"
                withBorder
                style={{
                  borderLeft: '4px solid var(--speaker-color)',
                  background: active ? 'var(--mantine-color-yellow-0)' : undefined,
                }}
              >
                <Text size="xs" c="dimmed">
                  <Text span fw={700} c="var(--speaker-color)">
                    {t(`review.${segment.speaker}`)}
                  </Text>{' '}
                  {formatDuration(segment.startMs)}
                </Text>
                <Text size="sm">{segment.text}</Text>
              </Paper>
            </UnstyledButton>
          );
        })}
      </Stack>
    </ScrollArea.Autosize>
  );
}
