import { Anchor, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MysteryShopDetail } from '../../../../../shared/api/methods/mystery';
import { useMediaUrl } from '../../../api/hooks';

/** The recording, playable here (and one click from its call's page), the notes, other files, further details. */
export function ShopEvidence({ shop }: { shop: MysteryShopDetail }) {
  const { t } = useTranslation();
  const extra = Object.entries(shop.extra);
  return (
    <Card withBorder data-testid="shop-page-evidence">
      <Stack gap="sm">
        <Title order={4}>{t('mystery.field.evidence')}</Title>
        {shop.evidence.recordingId !== null ? (
          <Stack gap={4} data-testid="shop-page-recording" data-recording-id={shop.evidence.recordingId}>
            <Group gap="sm">
              <Text size="sm" fw={600}>
                {shop.evidenceInteraction?.title ?? t('mysteryEntry.recording.untitled')}
              </Text>
              {shop.evidenceInteraction && (
                <Anchor
                  component={Link}
                  to={`/interaction/${shop.evidenceInteraction.id}`}
                  size="sm"
                  data-testid="shop-page-recording-open"
                >
                  {t('mysteryEntry.recording.open')}
                </Anchor>
              )}
            </Group>
            <Player recordingId={shop.evidence.recordingId} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('mysteryEntry.recording.none')}
          </Text>
        )}
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            {t('mystery.field.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="shop-page-notes">
            {shop.notes || '–'}
          </Text>
        </div>
        {shop.files.length > 0 && (
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('mysteryEntry.files.label')}
            </Text>
            <List size="sm" data-testid="shop-page-files">
              {shop.files.map((file) => (
                <List.Item key={file}>
                  <Text span size="sm" ff="monospace">
                    {file}
                  </Text>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {extra.length > 0 && (
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('mystery.field.extra')}
            </Text>
            <Table withRowBorders={false} verticalSpacing={2} data-testid="shop-page-extra">
              <Table.Tbody>
                {extra.map(([key, value]) => (
                  <Table.Tr key={key}>
                    <Table.Td w={220}>
                      <Text size="sm" c="dimmed">
                        {key}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{value}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Card>
  );
}

/** The browser's own player over the same streamed media the review player uses. */
function Player({ recordingId }: { recordingId: number }) {
  const { t } = useTranslation();
  const media = useMediaUrl(recordingId);
  if (media.state === 'error') {
    return (
      <Text size="sm" c="red">
        {media.message}
      </Text>
    );
  }
  return media.state === 'ready' ? (
    <audio
      controls
      preload="metadata"
      src={media.url}
      style={{ width: '100%' }}
      aria-label={t('mysteryEntry.recording.play')}
      data-testid="shop-page-audio"
    />
  ) : null;
}
