import { Alert, Button, Group, Kbd, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { QueueItem } from '../../../../shared/api/methods/queue';
import { mayCall } from '../../../../shared/permissions/roles';
import { api } from '../../api/client';
import { useCurrentReviewer } from '../profiles/useProfiles';
import { ownsKeys } from '../shortcuts/typing-target';
import { itemAddress, QueueItemRow } from './QueueItemRow';
import { ReplaceDialog } from './ReplaceDialog';
import { weekFromSearch } from './queue-week';
import { WeekPicker } from './WeekPicker';

/**
 * `/queue`: the reviewer's own queue for a week (`?week=`, this week by default), top to bottom, with
 * progress. N (or the button) opens the next item not yet reviewed in the review workspace with the
 * evaluation form beside it; an item that cannot be reviewed is replaced with a reason.
 */
export function MyQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const week = weekFromSearch(search);
  const reviewer = useCurrentReviewer();
  const queue = useQuery({
    queryKey: ['queue', 'mine', week, reviewer?.id ?? null],
    queryFn: () => api.queue.mine({ week }),
    enabled: reviewer !== null,
  });
  const [replacing, setReplacing] = useState<QueueItem | null>(null);
  const [nothingLeft, setNothingLeft] = useState<string | null>(null);
  const next = queue.data?.items.find((item) => item.state === 'open' || item.state === 'started') ?? null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'n' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (replacing || !next || ownsKeys(event.target, 'N')) return;
      event.preventDefault();
      void navigate(itemAddress(next));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, next, replacing]);

  const manager = reviewer !== null && mayCall(reviewer.role, 'queue.plans');
  const data = queue.data;
  return (
    <Stack
      gap="md"
      maw={980}
      data-testid="my-queue"
      data-state={queue.isPending && reviewer ? 'loading' : 'ready'}
      data-week={week}
    >
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Title order={2}>{t('queue.mine.title')}</Title>
          <Text c="dimmed" size="sm" maw={640}>
            {t('queue.mine.intro')}
          </Text>
        </Stack>
        {manager && (
          <Button
            component={Link}
            to={`/queue/plans?week=${week}`}
            variant="light"
            data-testid="queue-plans-link"
          >
            {t('queue.mine.plans')}
          </Button>
        )}
      </Group>
      <WeekPicker week={week} onChange={(next) => setSearch({ week: next })} />
      {!reviewer ? (
        <Alert color="blue">{t('queue.mine.noProfile')}</Alert>
      ) : queue.isPending ? (
        <Loader />
      ) : queue.isError ? (
        <Alert color="red">{t('errors.generic', { message: queue.error.message })}</Alert>
      ) : data && data.total === 0 ? (
        <Text c="dimmed" data-testid="queue-empty">
          {t('queue.mine.empty')}
        </Text>
      ) : (
        data && (
          <>
            <Stack gap={4} data-testid="queue-progress" data-done={data.done} data-total={data.total}>
              <Group justify="space-between">
                <Text fw={600}>{t('queue.mine.progress', { done: data.done, total: data.total })}</Text>
                {next ? (
                  <Button
                    onClick={() => void navigate(itemAddress(next))}
                    data-testid="queue-next"
                    rightSection={<Kbd size="xs">{t('queue.mine.nextKey')}</Kbd>}
                  >
                    {t('queue.mine.next')}
                  </Button>
                ) : (
                  <Text c="green.8" fw={600} data-testid="queue-all-done">
                    {t('queue.mine.allDone')}
                  </Text>
                )}
              </Group>
              <Progress value={(100 * data.done) / data.total} color="green" size="lg" />
            </Stack>
            {nothingLeft && (
              <Alert
                color="yellow"
                withCloseButton
                onClose={() => setNothingLeft(null)}
                data-testid="queue-nothing-left"
              >
                {t('queue.replace.none', { agent: nothingLeft })}
              </Alert>
            )}
            <Stack gap="xs">
              {data.items.map((item) => (
                <QueueItemRow key={item.id} item={item} onReplace={setReplacing} />
              ))}
            </Stack>
          </>
        )
      )}
      <ReplaceDialog
        item={replacing}
        onClose={() => setReplacing(null)}
        onReplaced={(replaced, replacement) => {
          setReplacing(null);
          setNothingLeft(replacement ? null : replaced.agent.name);
        }}
      />
    </Stack>
  );
}
