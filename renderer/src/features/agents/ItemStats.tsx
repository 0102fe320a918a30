import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ItemStat } from '../../../../shared/api/methods/agents';
import { formatPercent } from '../evaluation/score-format';

/**
 * Rubric items across the window, one list for where the agent loses points (coaching focus) and one
 * for where they earn them (what to praise): "missed 3 of 8" says how often, not just how much.
 */
export function ItemStats({
  kind,
  items,
  anyAnswered,
}: {
  kind: 'weakest' | 'strongest';
  items: readonly ItemStat[];
  /** Whether any item was answered at all: else the list is empty for want of answers, not of points. */
  anyAnswered: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid={`items-${kind}`}>
      <Title order={4} mb={2}>
        {t(`agents.items.${kind}`)}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t(`agents.items.${kind}Hint`)}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(anyAnswered ? `agents.items.${kind}None` : 'agents.items.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {items.map((item) => (
            <ItemRow key={item.itemId} item={item} color={kind === 'weakest' ? 'orange' : 'teal'} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function ItemRow({ item, color }: { item: ItemStat; color: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={2} data-testid="item-stat" data-item-id={item.itemId}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} lineClamp={2}>
            {item.title}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {item.sectionTitle}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
          <Text size="sm" fw={700}>
            {formatPercent(item.percent, i18n.language)}
          </Text>
          <Text size="xs" c={item.missedCount > 0 ? 'red.7' : 'dimmed'} data-testid="item-missed">
            {t('agents.items.missed', { missed: item.missedCount, count: item.answeredCount })}
          </Text>
        </Stack>
      </Group>
      <Progress value={item.percent} color={color} size="xs" />
    </Stack>
  );
}
