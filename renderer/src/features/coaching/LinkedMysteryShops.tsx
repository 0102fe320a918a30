import { ActionIcon, Anchor, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { mysteryShopLine } from './mystery-shop-line';
import { TrashIcon } from '../review/icons';
import { MysteryShopPicker } from './MysteryShopPicker';
import type { SessionPartProps } from './useCoaching';

/**
 * The mystery shops the coach brings into the one-to-one: after a mystery shop, coach the person face
 * to face (DOMAIN.md). Each keeps its own score and result; none of them counts in the QA figures.
 */
export function LinkedMysteryShops({ session, editable, writes }: SessionPartProps) {
  const { t, i18n } = useTranslation();
  const [picking, setPicking] = useState(false);
  const change = useMutation({
    mutationFn: (mysteryShopIds: number[]) => writes.update({ mysteryShopIds }),
  });
  const ids = session.mysteryShops.map((shop) => shop.id);

  return (
    <Card withBorder data-testid="linked-mystery-shops">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('mysteryApart.coaching.title')}</Title>
          {editable && (
            <Button variant="default" size="xs" onClick={() => setPicking(true)} data-testid="mystery-link">
              {t('mysteryApart.coaching.link')}
            </Button>
          )}
        </Group>
        {session.mysteryShops.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('mysteryApart.coaching.none')}
          </Text>
        ) : (
          <Stack gap={0}>
            {session.mysteryShops.map((shop, index) => (
              <Group
                key={shop.id}
                justify="space-between"
                wrap="nowrap"
                gap="sm"
                py={6}
                style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
                data-testid="linked-mystery-shop"
                data-shop-id={shop.shopId}
              >
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                  <Anchor component={Link} to={`/mystery/${shop.id}`} size="sm" fw={600}>
                    {shop.scenario}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {mysteryShopLine(shop, i18n.language, t)}
                  </Text>
                </Stack>
                <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                  <Text size="sm" fw={700}>
                    {formatPercent(shop.percent, i18n.language)}
                  </Text>
                  <ResultBadge result={shop.result} size="sm" />
                  {editable && (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      onClick={() => change.mutate(ids.filter((id) => id !== shop.id))}
                      aria-label={t('mysteryApart.coaching.unlink', { shopId: shop.shopId })}
                      data-testid="linked-mystery-shop-remove"
                    >
                      <TrashIcon size={14} />
                    </ActionIcon>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
        {change.error && (
          <Text size="sm" c="red">
            {change.error.message}
          </Text>
        )}
      </Stack>
      <Modal
        opened={picking}
        onClose={() => setPicking(false)}
        title={t('mysteryApart.coaching.pickTitle', { agent: session.agent.name })}
        size="lg"
      >
        {picking && (
          <PickShops
            session={session}
            initial={ids}
            saving={change.isPending}
            onSave={(next) => change.mutate(next, { onSuccess: () => setPicking(false) })}
          />
        )}
      </Modal>
    </Card>
  );
}

function PickShops({
  session,
  initial,
  saving,
  onSave,
}: {
  session: CoachingSession;
  initial: number[];
  saving: boolean;
  onSave: (ids: number[]) => void;
}) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(initial);
  return (
    <Stack>
      <MysteryShopPicker agent={session.agent} selected={selected} onChange={setSelected} />
      <Group justify="flex-end">
        <Button onClick={() => onSave(selected)} loading={saving} data-testid="mystery-link-save">
          {t('mysteryApart.coaching.save')}
        </Button>
      </Group>
    </Stack>
  );
}
