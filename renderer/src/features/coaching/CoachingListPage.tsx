import {
  Alert,
  Button,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useCurrentReviewer } from '../profiles/useProfiles';
import { listKey } from './coaching-keys';
import { listParams, searchFromView, viewFromSearch, type CoachingListView } from './coaching-url';
import { OpenActionsPanel } from './OpenActionsPanel';
import { SessionsTable } from './SessionsTable';
import { useAgentOptions, useCoachOptions } from './useAgentsAndCoaches';

/** `/coaching`: every coaching session, narrowed by agent, coach ("mine") and state, and the open actions. */
export function CoachingListPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const view = viewFromSearch(search);
  const reviewer = useCurrentReviewer();
  const params = listParams(view, reviewer?.id ?? null);
  const sessions = useQuery({ queryKey: listKey(params), queryFn: () => api.coaching.list(params) });
  const set = (patch: Partial<CoachingListView>) => setSearch(searchFromView({ ...view, ...patch }));

  return (
    <Stack data-testid="coaching-list" data-state={sessions.isPending ? 'loading' : 'ready'}>
      <Group justify="space-between">
        <Title order={2}>{t('coaching.list.title')}</Title>
        <Button
          component={Link}
          to={view.agentId ? `/coaching/new?agent=${view.agentId}` : '/coaching/new'}
          data-testid="coaching-new"
        >
          {t('coaching.list.new')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        {t('coaching.list.intro')}
      </Text>
      <Filters view={view} onChange={set} hasProfile={reviewer !== null} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          {sessions.isPending ? (
            <Loader size="sm" />
          ) : sessions.isError ? (
            <Alert color="red">{t('errors.generic', { message: sessions.error.message })}</Alert>
          ) : sessions.data.length === 0 ? (
            <Text c="dimmed" data-testid="coaching-empty">
              {search.size > 0 ? t('coaching.list.noMatches') : t('coaching.list.empty')}
            </Text>
          ) : (
            <SessionsTable sessions={sessions.data} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <OpenActionsPanel view={view} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Filters({
  view,
  onChange,
  hasProfile,
}: {
  view: CoachingListView;
  onChange: (patch: Partial<CoachingListView>) => void;
  hasProfile: boolean;
}) {
  const { t } = useTranslation();
  const agents = useAgentOptions();
  const coaches = useCoachOptions();
  return (
    <Group gap="sm" align="end" wrap="wrap" data-testid="coaching-filters">
      <SegmentedControl
        value={view.mine ? 'mine' : 'all'}
        onChange={(value) => onChange({ mine: value === 'mine', coachId: undefined })}
        data={[
          { value: 'all', label: t('coaching.list.allSessions') },
          { value: 'mine', label: t('coaching.list.mine'), disabled: !hasProfile },
        ]}
        data-testid="coaching-filter-mine"
      />
      <Select
        label={t('coaching.list.agent')}
        placeholder={t('coaching.list.anyAgent')}
        data={agents.options}
        value={view.agentId ? String(view.agentId) : null}
        onChange={(value) => onChange({ agentId: value ? Number(value) : undefined })}
        searchable
        clearable
        w={220}
        data-testid="coaching-filter-agent"
      />
      <Select
        label={t('coaching.list.coach')}
        placeholder={view.mine ? t('coaching.list.coachIsMe') : t('coaching.list.anyCoach')}
        data={coaches}
        value={!view.mine && view.coachId ? String(view.coachId) : null}
        onChange={(value) => onChange({ coachId: value ? Number(value) : undefined })}
        disabled={view.mine}
        clearable
        w={180}
        data-testid="coaching-filter-coach"
      />
      <SegmentedControl
        value={view.state ?? 'all'}
        onChange={(value) =>
          onChange({ state: value === 'planned' || value === 'closed' ? value : undefined })
        }
        data={[
          { value: 'all', label: t('coaching.list.anyState') },
          { value: 'planned', label: t('coaching.state.planned') },
          { value: 'closed', label: t('coaching.state.closed') },
        ]}
        data-testid="coaching-filter-state"
      />
    </Group>
  );
}
