import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';

/** Reels saved for earlier or coming team meetings; deleting asks once more, in place. */
export function SavedReels({
  currentId,
  onDelete,
}: {
  currentId: number | null;
  onDelete: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState<number | null>(null);
  const reels = useQuery({ queryKey: ['reels', 'list'], queryFn: () => api.reel.list({}) });
  return (
    <Paper withBorder p="sm" data-testid="saved-reels">
      <Title order={4} mb="xs">
        {t('reels.saved.title')}
      </Title>
      {reels.isPending ? (
        <Loader size="sm" />
      ) : reels.isError ? (
        <Alert color="red">{t('errors.generic', { message: reels.error.message })}</Alert>
      ) : reels.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reels.saved.empty')}
        </Text>
      ) : (
        <Stack gap={6}>
          {reels.data.map((reel) => (
            <Group
              key={reel.id}
              justify="space-between"
              wrap="nowrap"
              gap="xs"
              p={6}
              bg={reel.id === currentId ? 'var(--mantine-color-green-0)' : undefined}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              data-testid="saved-reel"
              data-reel-id={reel.id}
            >
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/reels/${reel.id}`} size="sm" fw={600} truncate>
                  {reel.title}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {[
                    t('reels.saved.clips', { count: reel.momentCount }),
                    reel.createdBy?.name,
                    formatDateTime(reel.updatedAt, i18n.language),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Stack>
              {confirming === reel.id ? (
                // The reel's title and line take what is left: the buttons' words are never squeezed.
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  <Button
                    size="compact-xs"
                    color="red"
                    onClick={() => {
                      setConfirming(null);
                      onDelete(reel.id);
                    }}
                    data-testid="saved-reel-delete-confirm"
                  >
                    {t('reels.saved.confirmDelete')}
                  </Button>
                  <Button size="compact-xs" variant="default" onClick={() => setConfirming(null)}>
                    {t('reels.saved.keep')}
                  </Button>
                </Group>
              ) : (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  style={{ flexShrink: 0 }}
                  onClick={() => setConfirming(reel.id)}
                  data-testid="saved-reel-delete"
                >
                  {t('reels.saved.delete')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
