import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CalibrationSummary } from '../../../../shared/api/methods/calibration';
import { formatDateTime } from '../../app/format';
import { api } from '../../api/client';
import { RequireProfile } from '../profiles/RequireProfile';
import { calibrationListKey } from './calibration-keys';

/** `/calibration`: the sessions the reviewer scores in (a QA manager: all, and a new one). */
export function CalibrationListPage() {
  return (
    <RequireProfile>
      {(reviewer) => <List manager={reviewer.role === 'qa_manager' || reviewer.role === 'admin'} />}
    </RequireProfile>
  );
}

function List({ manager }: { manager: boolean }) {
  const { t } = useTranslation();
  const sessions = useQuery({ queryKey: calibrationListKey, queryFn: () => api.calibration.list({}) });
  return (
    <Stack
      gap="md"
      maw={980}
      data-testid="calibration-list"
      data-state={sessions.isPending ? 'loading' : 'ready'}
    >
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Title order={2}>{t('calibration.list.title')}</Title>
          <Text c="dimmed" size="sm" maw={640}>
            {t('calibration.list.intro')}
          </Text>
        </Stack>
        {manager && (
          <Button component={Link} to="/calibration/new" data-testid="calibration-new-link">
            {t('calibration.list.new')}
          </Button>
        )}
      </Group>
      {sessions.isPending ? (
        <Loader />
      ) : sessions.isError ? (
        <Alert color="red">{t('errors.generic', { message: sessions.error.message })}</Alert>
      ) : sessions.data.length === 0 ? (
        <Text c="dimmed">{manager ? t('calibration.list.emptyManager') : t('calibration.list.empty')}</Text>
      ) : (
        sessions.data.map((session) => <Row key={session.id} session={session} />)
      )}
    </Stack>
  );
}

function Row({ session }: { session: CalibrationSummary }) {
  const { t, i18n } = useTranslation();
  const handedIn = session.participants.filter((p) => p.submittedAt !== null).length;
  const mine = session.mine.participant
    ? session.mine.submittedAt
      ? t('calibration.list.mineDone')
      : session.state === 'open'
        ? t('calibration.list.mineOpen')
        : t('calibration.list.mineMissed')
    : null;
  return (
    <Card
      withBorder
      data-testid="calibration-row"
      data-session-id={session.id}
      data-session-state={session.state}
    >
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{session.name}</Text>
            <Badge variant="light" color={session.state === 'revealed' ? 'teal' : 'gray'}>
              {t(`calibration.state.${session.state}`)}
            </Badge>
            {mine && (
              <Badge variant="outline" color={session.mine.submittedAt ? 'teal' : 'orange'}>
                {mine}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('calibration.list.summary', {
              rubric: session.rubric.name,
              count: session.interactionCount,
              done: handedIn,
              total: session.participants.length,
              at: formatDateTime(session.createdAt, i18n.language),
            })}
          </Text>
        </Stack>
        <Button component={Link} to={`/calibration/${session.id}`} data-testid="calibration-open">
          {session.state === 'revealed' ? t('calibration.list.results') : t('calibration.list.open')}
        </Button>
      </Group>
    </Card>
  );
}
