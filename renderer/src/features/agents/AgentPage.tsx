import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DEFAULT_AGENT_WINDOW, type AgentOverview } from '../../../../shared/api/methods/agents';
import { api } from '../../api/client';
import { useCurrentReviewer } from '../profiles/useProfiles';
import { useTags } from '../review/moments/useTags';
import { AgentCoaching } from './AgentCoaching';
import { AgentEvaluations } from './AgentEvaluations';
import { AgentMysteryShops } from './AgentMysteryShops';
import { ItemStats } from './ItemStats';
import { splitMoments } from './moment-groups';
import { ScoreCards } from './ScoreCards';
import { TaggedMoments } from './TaggedMoments';
import { TrendChart } from './TrendChart';
import { AGENT_WINDOWS, meanOverall, outcomeCounts, trendChartData, windowFromSearch } from './trend-data';
import { WowMoments } from './WowMoments';

/**
 * `/agents/:id`: one agent at a glance, for a team lead preparing a one-to-one: the trend of their
 * evaluations, courtesy beside competence, where they lose and earn points, the moments reviewers
 * tagged (praise first), their mystery shops apart from all that, and their coaching sessions. The
 * window (last N evaluations) is in the URL.
 */
export function AgentPage() {
  const { t } = useTranslation();
  const agentId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  // An agent account reads its own page: there is no list of agents or coaching to start from here.
  const ownPage = useCurrentReviewer()?.role === 'agent';
  const lastN = windowFromSearch(params.get('window'), DEFAULT_AGENT_WINDOW);
  const overview = useQuery({
    queryKey: ['agents', 'overview', agentId, lastN],
    queryFn: () => api.agent.overview({ agentId, window: lastN }),
    enabled: Number.isInteger(agentId) && agentId > 0,
    placeholderData: keepPreviousData,
  });
  const setWindow = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (Number(value) === DEFAULT_AGENT_WINDOW) next.delete('window');
        else next.set('window', value);
        return next;
      },
      { replace: true },
    );

  if (overview.isPending) return <Loader />;
  if (overview.isError)
    return (
      <Stack>
        <BackToAgents />
        <Alert color="red">{t('errors.generic', { message: overview.error.message })}</Alert>
      </Stack>
    );
  const data = overview.data;
  return (
    <Stack
      gap="md"
      data-testid="agent"
      data-state={overview.isPlaceholderData ? 'loading' : 'ready'}
      data-agent-id={data.agent.id}
      data-window={lastN}
    >
      <Stack gap={4}>
        {!ownPage && <BackToAgents />}
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Group gap="md" align="center" wrap="wrap">
            <Stack gap={0}>
              <Title order={2} data-testid="agent-name">
                {data.agent.name}
              </Title>
              <Text c="dimmed" size="sm">
                {data.agent.teamName ?? t('agents.noTeam')}
              </Text>
            </Stack>
            {/* Up here, not with the sessions below the fold: starting a one-to-one is why a lead comes. */}
            {!ownPage && (
              <Button
                component={Link}
                to={`/coaching/new?agent=${data.agent.id}`}
                data-testid="agent-start-coaching"
              >
                {t('agents.coaching.start')}
              </Button>
            )}
          </Group>
          {/* Without evaluations there is nothing for a window to cover. */}
          <Stack gap={2} align="flex-end" display={data.trend.length === 0 ? 'none' : undefined}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('agents.window.label')}
            </Text>
            <SegmentedControl
              size="xs"
              value={String(lastN)}
              onChange={setWindow}
              data={AGENT_WINDOWS.map((n) => ({
                value: String(n),
                label: t('agents.window.last', { count: n }),
              }))}
              data-testid="agent-window"
            />
          </Stack>
        </Group>
      </Stack>
      <AgentBody data={data} lastN={lastN} ownPage={ownPage} />
    </Stack>
  );
}

function BackToAgents() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/agents" size="sm">
      ← {t('agents.back')}
    </Anchor>
  );
}

/**
 * An agent reading their own page sees their evaluations' figures only: the library, mystery shops,
 * reviewers' moments and coaching sessions are not theirs to open (the team server refuses them).
 */
function AgentBody({ data, lastN, ownPage }: { data: AgentOverview; lastN: number; ownPage: boolean }) {
  const { t } = useTranslation();
  const { byId: tags } = useTags();
  const { rows, sections } = trendChartData(data.trend, lastN);
  const { wow, tagged } = splitMoments(data.moments);
  const anyAnswered = data.weakest.length + data.strongest.length > 0;
  return (
    <>
      {rows.length === 0 ? (
        <Paper withBorder p="lg" data-testid="agent-no-evaluations">
          <Stack gap={4} align="flex-start">
            <Text fw={600}>{t('agents.noEvaluations.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('agents.noEvaluations.body')}
            </Text>
            {!ownPage && (
              <Anchor component={Link} to={`/?agent=${data.agent.id}&reviewed=no`} size="sm">
                {t('agents.noEvaluations.open', { name: data.agent.name })}
              </Anchor>
            )}
          </Stack>
        </Paper>
      ) : (
        <>
          <ScoreCards
            overall={meanOverall(rows)}
            evaluationCount={rows.length}
            outcomes={outcomeCounts(rows)}
            sections={data.sections}
          />
          <Paper withBorder p="sm">
            <Group justify="space-between" mb={4} gap="xs">
              <Title order={4}>{t('agents.trend.title')}</Title>
              <Text size="xs" c="dimmed">
                {t('agents.trend.hint')}
              </Text>
            </Group>
            <TrendChart rows={rows} sections={sections} />
          </Paper>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <ItemStats kind="weakest" items={data.weakest} anyAnswered={anyAnswered} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <ItemStats kind="strongest" items={data.strongest} anyAnswered={anyAnswered} />
            </Grid.Col>
          </Grid>
        </>
      )}
      {rows.length > 0 && <AgentEvaluations agent={data.agent} lastN={lastN} ownPage={ownPage} />}
      {!ownPage && (
        <>
          {/* Its own section, below the QA figures and never in them: the agency's test is not a review. */}
          <AgentMysteryShops agent={data.agent} />
          <WowMoments agent={data.agent} moments={wow} tags={tags} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <TaggedMoments moments={tagged} tags={tags} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <AgentCoaching agent={data.agent} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </>
  );
}
