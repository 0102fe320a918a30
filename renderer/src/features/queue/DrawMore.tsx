import { Alert, Button, Card, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

/**
 * "Draw more" on a week already drawn: after a reviewer was added or a quota raised, it draws only what
 * is missing under the plan as it is now (shared/queue/top-up.ts), and says what it added, or why it
 * added nothing.
 */
export function DrawMore({ planId, week }: { planId: number; week: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const more = useMutation({
    mutationFn: () => api.queue.topUp({ planId, week }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['queue'] }),
  });
  const result = more.data;
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="nowrap" align="center">
        <Text size="sm" c="dimmed">
          {t('queue.draw.moreHint')}
        </Text>
        <Button
          variant="light"
          onClick={() => more.mutate()}
          loading={more.isPending}
          data-testid="queue-draw-more"
          style={{ flexShrink: 0 }}
        >
          {t('queue.draw.more')}
        </Button>
      </Group>
      {result && (
        <Alert
          mt="sm"
          color={result.added > 0 ? 'green' : 'gray'}
          data-testid="draw-more-result"
          data-added={result.added}
        >
          {result.added > 0
            ? t('queue.draw.added', { count: result.added })
            : t(result.short.length > 0 ? 'queue.draw.nothingLeft' : 'queue.draw.nothingMissing')}
        </Alert>
      )}
      {more.error && (
        <Alert color="red" mt="sm">
          {more.error.message}
        </Alert>
      )}
    </Card>
  );
}
