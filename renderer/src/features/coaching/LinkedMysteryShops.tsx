import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mysteryShopLine } from './mystery-shop-line';
import { MysteryShopPicker } from './MysteryShopPicker';
import { PickAndSave, ScoredLinkRow } from './ScoredLinkRow';
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
              <ScoredLinkRow
                key={shop.id}
                first={index === 0}
                to={`/mystery/${shop.id}`}
                title={shop.scenario}
                subtitle={mysteryShopLine(shop, i18n.language, t)}
                percent={shop.percent}
                result={shop.result}
                data-testid="linked-mystery-shop"
                data-shop-id={shop.shopId}
                {...(editable && {
                  remove: {
                    label: t('mysteryApart.coaching.unlink', { shopId: shop.shopId }),
                    testId: 'linked-mystery-shop-remove',
                    onRemove: () => change.mutate(ids.filter((id) => id !== shop.id)),
                  },
                })}
              />
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
          <PickAndSave
            initial={ids}
            saving={change.isPending}
            saveLabel={t('mysteryApart.coaching.save')}
            saveTestId="mystery-link-save"
            onSave={(next) => change.mutate(next, { onSuccess: () => setPicking(false) })}
            picker={(selected, onChange) => (
              <MysteryShopPicker agent={session.agent} selected={selected} onChange={onChange} />
            )}
          />
        )}
      </Modal>
    </Card>
  );
}
