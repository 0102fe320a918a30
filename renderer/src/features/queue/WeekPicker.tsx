import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { shiftWeek } from '../../../../shared/queue/week';
import { currentWeek, weekRange } from './queue-week';

/** ‹ Week 2026-W45 (Mon 2 Nov – Sun 8 Nov) › and a way back to this week. */
export function WeekPicker({ week, onChange }: { week: string; onChange: (week: string) => void }) {
  const { t, i18n } = useTranslation();
  const today = currentWeek();
  return (
    <Group gap="xs" data-testid="week-picker" data-week={week}>
      <ActionIcon
        variant="default"
        aria-label={t('queue.week.previous')}
        onClick={() => onChange(shiftWeek(week, -1))}
        data-testid="week-previous"
      >
        ‹
      </ActionIcon>
      <Stack gap={0} miw={170} align="center">
        <Text fw={600}>{t('queue.week.label', { week })}</Text>
        <Text size="xs" c="dimmed">
          {t('queue.week.range', weekRange(week, i18n.language))}
        </Text>
      </Stack>
      <ActionIcon
        variant="default"
        aria-label={t('queue.week.next')}
        onClick={() => onChange(shiftWeek(week, 1))}
        data-testid="week-next"
      >
        ›
      </ActionIcon>
      {week !== today && (
        <Button variant="subtle" size="xs" onClick={() => onChange(today)} data-testid="week-today">
          {t('queue.week.thisWeek')}
        </Button>
      )}
    </Group>
  );
}
