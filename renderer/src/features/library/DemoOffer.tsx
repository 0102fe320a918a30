import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

/** First run: offer the demo data set, or an empty start. */
export function DemoOffer() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['library'] });
  const load = useMutation({ mutationFn: () => api.demo.load({}), onSuccess: refresh });
  const decline = useMutation({ mutationFn: () => api.demo.decline({}), onSuccess: refresh });
  const error = load.error ?? decline.error;

  return (
    <Card withBorder padding="xl" maw={640} data-testid="demo-offer">
      <Stack>
        <Title order={2}>{t('demo.title')}</Title>
        <Text>{t('demo.body')}</Text>
        {error && (
          <Text c="red" data-testid="demo-error">
            {t('errors.generic', { message: error.message })}
          </Text>
        )}
        <Group>
          <Button onClick={() => load.mutate()} loading={load.isPending} data-testid="demo-load">
            {t('demo.load')}
          </Button>
          <Button
            variant="subtle"
            onClick={() => decline.mutate()}
            disabled={load.isPending}
            data-testid="demo-decline"
          >
            {t('demo.decline')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
