import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Completion, QueueDraw, QueueItem, QueueShortfall } from '../../../../shared/api/methods/queue';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { DrawMore } from './DrawMore';
import { QueueItemRow } from './QueueItemRow';
import { ReplaceDialog } from './ReplaceDialog';
import { sampledWeek } from '../../../../shared/queue/week';
import { weekFromSearch, weekRange } from './queue-week';
import { WeekPicker } from './WeekPicker';

/**
 * `/queue/plans/:id?week=`: one plan's week. Before the draw, the button to draw it; after, who has
 * done how much (per reviewer and per agent), who had too few interactions, "Draw more" for what a
 * changed plan now misses, and every item with why it was drawn or why it was replaced.
 */
export function PlanWeekPage() {
  const { t, i18n } = useTranslation();
  const planId = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const week = weekFromSearch(search);
  const queryClient = useQueryClient();
  const plan = useQuery({
    queryKey: ['queue', 'plans'],
    queryFn: () => api.queue.plans({}),
    select: (plans) => plans.find((p) => p.id === planId) ?? null,
  });
  const progress = useQuery({
    queryKey: ['queue', 'progress', planId, week],
    queryFn: () => api.queue.progress({ planId, week }),
  });
  const draw = useMutation({
    mutationFn: () => api.queue.draw({ planId, week }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['queue'] }),
  });
  const [replacing, setReplacing] = useState<QueueItem | null>(null);
  const drawn = progress.data?.draw ?? null;
  return (
    <Stack
      gap="md"
      maw={1100}
      data-testid="plan-week"
      data-state={progress.isPending || plan.isPending ? 'loading' : 'ready'}
      data-drawn={drawn ? 'true' : 'false'}
    >
      <Anchor component={Link} to={`/queue/plans?week=${week}`} size="sm">
        ← {t('queue.plans.back')}
      </Anchor>
      <Title order={2}>{t('queue.draw.title', { plan: plan.data?.name ?? '…', week })}</Title>
      <WeekPicker week={week} onChange={(next) => setSearch({ week: next })} />
      <Text size="sm" c="dimmed" data-testid="draw-sampled">
        {t('queue.draw.sampled', { week: sampledWeek(week), ...weekRange(sampledWeek(week), i18n.language) })}
      </Text>
      {progress.isPending ? (
        <Loader />
      ) : progress.isError ? (
        <Alert color="red">{t('errors.generic', { message: progress.error.message })}</Alert>
      ) : !drawn ? (
        <Card withBorder>
          <Group justify="space-between">
            <Text>{t('queue.draw.notDrawn')}</Text>
            <Button onClick={() => draw.mutate()} loading={draw.isPending} data-testid="queue-draw">
              {t('queue.draw.draw')}
            </Button>
          </Group>
          {draw.error && (
            <Alert color="red" mt="sm">
              {draw.error.message}
            </Alert>
          )}
        </Card>
      ) : (
        <DrawView draw={drawn} week={week} onReplace={setReplacing} />
      )}
      <ReplaceDialog
        item={replacing}
        onClose={() => setReplacing(null)}
        onReplaced={() => setReplacing(null)}
      />
    </Stack>
  );
}

function DrawView({
  draw,
  week,
  onReplace,
}: {
  draw: QueueDraw;
  week: string;
  onReplace: (item: QueueItem) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" data-testid="draw-audit">
          {t('queue.draw.drawnBy', {
            when: formatDateTime(draw.drawnAt, i18n.language),
            who: draw.drawnBy?.name ?? '–',
            seed: draw.seed,
          })}
        </Text>
        {draw.topUps.map((topUp) => (
          <Text size="xs" c="dimmed" key={topUp.id} data-testid="draw-top-up">
            {t('queue.draw.toppedUp', {
              when: formatDateTime(topUp.drawnAt, i18n.language),
              who: topUp.drawnBy?.name ?? '–',
              count: topUp.added,
              seed: topUp.seed,
            })}
          </Text>
        ))}
      </Stack>
      <DrawMore planId={draw.planId} week={week} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <CompletionTable
          title={t('queue.draw.byReviewer')}
          rows={draw.byReviewer.map((row) => ({ name: row.reviewer.name, ...row }))}
          testId="completion-reviewer"
        />
        <CompletionTable
          title={t('queue.draw.byAgent')}
          rows={draw.byAgent.map((row) => ({ name: row.agent.name, ...row }))}
          testId="completion-agent"
        />
      </SimpleGrid>
      {draw.short.length > 0 && (
        <Alert color="yellow" title={t('queue.draw.short')} data-testid="draw-short">
          <Stack gap={2}>
            {draw.short.map((short, index) => (
              <Text size="sm" key={index} data-testid="draw-short-row">
                {shortText(short, t)}
              </Text>
            ))}
            <Text size="xs" c="dimmed">
              {t('queue.draw.shortHint')}
            </Text>
          </Stack>
        </Alert>
      )}
      <Title order={4}>{t('queue.draw.items')}</Title>
      <Stack gap="xs">
        {draw.items.map((item) => (
          <QueueItemRow key={item.id} item={item} showReviewer onReplace={onReplace} />
        ))}
      </Stack>
    </Stack>
  );
}

function shortText(
  short: QueueShortfall,
  t: (key: string, values: Record<string, unknown>) => string,
): string {
  const figures = { available: short.available, wanted: short.wanted };
  if (short.agent) return t('queue.draw.shortAgent', { name: short.agent.name, ...figures });
  if (short.team) return t('queue.draw.shortTeam', { name: short.team.name, ...figures });
  return t('queue.draw.shortAll', figures);
}

function CompletionTable({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: (Completion & { name: string })[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={5} mb="xs">
        {title}
      </Title>
      <Table>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.name}
              data-testid={testId}
              data-name={row.name}
              data-done={row.done}
              data-total={row.total}
            >
              <Table.Td>{row.name}</Table.Td>
              <Table.Td w="40%">
                <Progress value={row.total ? (100 * row.done) / row.total : 0} color="green" />
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {t('queue.draw.done', { done: row.done, total: row.total })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
