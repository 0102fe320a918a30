import { Alert, Checkbox, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { mysteryShopLine, toggledShops } from './mystery-shop-line';

/** The agent's submitted, queried and confirmed mystery shops as a checklist, newest first. */
export function MysteryShopPicker({
  agent,
  selected,
  onChange,
}: {
  agent: { id: number; name: string };
  selected: readonly number[];
  onChange: (ids: number[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const shops = useQuery({
    queryKey: ['mystery', 'agentShops', agent.id],
    queryFn: () => api.mystery.agentShops({ agentId: agent.id }),
    retry: false,
  });
  if (shops.isPending) return <Loader size="sm" />;
  if (shops.isError)
    return <Alert color="red">{t('errors.generic', { message: shops.error.message })}</Alert>;
  if (shops.data.shops.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="mystery-picker-empty">
        {t('mysteryApart.coaching.noShops', { agent: agent.name })}
      </Text>
    );
  const toggle = (id: number, on: boolean) => onChange(toggledShops(selected, id, on));
  return (
    <Stack gap={6} data-testid="mystery-picker">
      {shops.data.shops.map((shop) => (
        <Paper key={shop.id} withBorder p="xs" radius="sm">
          <Group justify="space-between" wrap="nowrap">
            <Checkbox
              checked={selected.includes(shop.id)}
              onChange={(event) => toggle(shop.id, event.currentTarget.checked)}
              label={
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {shop.scenario}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {mysteryShopLine(shop, i18n.language, t)}
                  </Text>
                </Stack>
              }
              data-testid="mystery-picker-shop"
              data-shop-id={shop.shopId}
            />
            <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
              <Text size="sm" fw={700}>
                {formatPercent(shop.percent, i18n.language)}
              </Text>
              <ResultBadge result={shop.result} size="sm" />
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
