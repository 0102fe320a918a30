import { Anchor, Badge, Card, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentReviewer } from '../profiles/useProfiles';
import { COACHING_KEY, openActionsKey } from './coaching-keys';
import { openActionsParams, type CoachingListView } from './coaching-url';
import { formatDay } from './format';

/**
 * Open actions across the sessions in view, overdue first (the backend's order): what to chase before
 * the next one-to-one. The coach of a session can tick its actions off right here.
 */
export function OpenActionsPanel({ view }: { view: CoachingListView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const reviewer = useCurrentReviewer();
  const params = openActionsParams(view, reviewer?.id ?? null);
  const actions = useQuery({
    queryKey: openActionsKey(params),
    queryFn: () => api.coaching.openActions(params),
  });
  const done = useMutation({
    mutationFn: (id: number) => api.coaching.actionUpdate({ id, done: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: COACHING_KEY }),
  });

  return (
    <Card withBorder data-testid="open-actions" data-state={actions.isPending ? 'loading' : 'ready'}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('coaching.openActions.title')}</Title>
          {actions.data && actions.data.length > 0 && (
            <Badge variant="light" color="gray">
              {actions.data.length}
            </Badge>
          )}
        </Group>
        {actions.isPending ? (
          <Loader size="sm" />
        ) : actions.isError ? (
          <Text size="sm" c="red">
            {t('errors.generic', { message: actions.error.message })}
          </Text>
        ) : actions.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('coaching.openActions.none')}
          </Text>
        ) : (
          actions.data.map((action) => (
            <Group
              key={action.id}
              gap="sm"
              wrap="nowrap"
              align="flex-start"
              data-testid="open-action"
              data-overdue={action.overdue}
              pl="xs"
              style={{
                borderLeft: `3px solid var(--mantine-color-${action.overdue ? 'red-6' : 'gray-3'})`,
              }}
            >
              {action.coach.id === reviewer?.id && (
                <Checkbox
                  mt={2}
                  checked={false}
                  onChange={() => done.mutate(action.id)}
                  disabled={done.isPending}
                  aria-label={t('coaching.actions.markDone')}
                  data-testid="open-action-done"
                />
              )}
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm">{action.text}</Text>
                <Text size="xs" c="dimmed">
                  {t(`coaching.actions.ownerShort.${action.owner}`, {
                    agent: action.agent.name,
                    coach: action.coach.name,
                  })}
                  {' · '}
                  <Anchor component={Link} to={`/coaching/${action.sessionId}`} size="xs">
                    {t('coaching.openActions.session', {
                      agent: action.agent.name,
                      date: formatDay(action.heldOn, i18n.language),
                    })}
                  </Anchor>
                </Text>
              </Stack>
              <Text
                size="xs"
                fw={action.overdue ? 700 : 400}
                c={action.overdue ? 'red' : 'dimmed'}
                style={{ whiteSpace: 'nowrap' }}
              >
                {action.overdue
                  ? t('coaching.actions.overdueSince', { date: formatDay(action.dueOn, i18n.language) })
                  : t('coaching.actions.dueOn', { date: formatDay(action.dueOn, i18n.language) })}
              </Text>
            </Group>
          ))
        )}
        {done.error && (
          <Text size="sm" c="red">
            {done.error.message}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
