import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MysteryReport } from '../../../../shared/api/methods/mystery';
import { formatPercent } from '../evaluation/score-format';
import { shareOf } from './report-url';

/** Each checklist item in the checklist's order: how often it earned its full points. */
export function ItemPassRates({ items }: { items: MysteryReport['items'] }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="report-items">
      <Title order={4}>{t('mysteryReport.items.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('mysteryReport.items.hint')}
      </Text>
      <Stack gap="xs">
        {items.map((item) => {
          const rate = shareOf(item.passed, item.answered) ?? 0;
          return (
            <Stack key={item.itemId} gap={2} data-testid="report-item" data-item-id={item.itemId}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" lineClamp={1} title={item.title}>
                  {item.title}
                </Text>
                <Text size="sm" fw={700} style={{ flexShrink: 0 }} data-testid="report-item-rate">
                  {formatPercent(rate, i18n.language)}{' '}
                  <Text span size="xs" c="dimmed" fw={400}>
                    {t('mysteryReport.items.of', { passed: item.passed, count: item.answered })}
                  </Text>
                </Text>
              </Group>
              <Progress value={rate} color={rate >= 80 ? 'teal' : rate >= 50 ? 'orange' : 'red'} size="sm" />
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
