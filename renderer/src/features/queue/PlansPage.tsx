import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { QueuePlan } from '../../../../shared/api/methods/queue';
import { api } from '../../api/client';
import { PlanEditor } from './PlanEditor';
import { weekFromSearch } from './queue-week';

/** `/queue/plans`: a QA manager's review plans, made and changed here, each opening its weeks. */
export function PlansPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const week = weekFromSearch(search);
  const plans = useQuery({ queryKey: ['queue', 'plans'], queryFn: () => api.queue.plans({}) });
  const [editing, setEditing] = useState<QueuePlan | 'new' | null>(null);
  return (
    <Stack gap="md" maw={980} data-testid="queue-plans" data-state={plans.isPending ? 'loading' : 'ready'}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Title order={2}>{t('queue.plans.title')}</Title>
          <Text c="dimmed" size="sm" maw={640}>
            {t('queue.plans.intro')}
          </Text>
        </Stack>
        <Group>
          <Button component={Link} to={`/queue?week=${week}`} variant="default">
            {t('queue.plans.myQueue')}
          </Button>
          <Button onClick={() => setEditing('new')} disabled={editing !== null} data-testid="plan-new">
            {t('queue.plans.new')}
          </Button>
        </Group>
      </Group>
      {editing !== null && (
        <PlanEditor
          key={editing === 'new' ? 'new' : editing.id}
          plan={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {plans.isPending ? (
        <Loader />
      ) : plans.isError ? (
        <Alert color="red">{t('errors.generic', { message: plans.error.message })}</Alert>
      ) : plans.data.length === 0 ? (
        editing === null && <Text c="dimmed">{t('queue.plans.empty')}</Text>
      ) : (
        plans.data.map((plan) => (
          <Card withBorder key={plan.id} data-testid="plan-row" data-plan-id={plan.id}>
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={600}>{plan.name}</Text>
                <Text size="sm" c="dimmed">
                  {t('queue.plans.summary', {
                    count: plan.count,
                    per: t(`queue.per.${plan.per}`),
                    reviewers: plan.reviewers.map((reviewer) => reviewer.name).join(', '),
                  })}
                </Text>
                <Group gap={4}>
                  {plan.weeksDrawn.slice(0, 6).map((drawn) => (
                    <Badge key={drawn} variant="light" size="sm">
                      {drawn}
                    </Badge>
                  ))}
                </Group>
              </Stack>
              <Group wrap="nowrap">
                <Button variant="default" onClick={() => setEditing(plan)} disabled={editing !== null}>
                  {t('queue.form.editTitle')}
                </Button>
                <Button component={Link} to={`/queue/plans/${plan.id}?week=${week}`} data-testid="plan-open">
                  {t('queue.plans.open')}
                </Button>
              </Group>
            </Group>
          </Card>
        ))
      )}
    </Stack>
  );
}
