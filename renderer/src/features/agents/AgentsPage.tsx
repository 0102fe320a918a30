import { Alert, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useTextFollowingUrl } from '../../app/useTextFollowingUrl';
import { namedOptions } from '../../app/options';
import { AgentsTable } from './AgentsTable';
import { MysteryTeamFigures } from './MysteryTeamFigures';

/**
 * `/agents`: everyone being reviewed, with how their reviews and coaching stand, to pick whom to look
 * at (or to follow up with: overdue actions show in red). Search and team live in the URL.
 */
export function AgentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const teamId = Number(params.get('team')) || undefined;
  const box = useTextFollowingUrl(search);
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const commitSearch = useDebouncedCallback((value: string) => {
    box.commit(value);
    update({ q: value.trim() || undefined });
  }, 250);

  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  const agents = useQuery({
    queryKey: ['agents', 'list', { search, teamId }],
    queryFn: () => api.agent.list({ search: search || undefined, teamId }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(search || teamId);

  return (
    <Stack data-testid="agents" data-state={agents.isPending ? 'loading' : 'ready'}>
      <Group align="baseline">
        <Title order={2}>{t('agents.title')}</Title>
        {agents.data && (
          <Text c="dimmed" data-testid="agents-count">
            {t('agents.count', { count: agents.data.length })}
          </Text>
        )}
      </Group>
      <Group gap="sm" align="end">
        <TextInput
          label={t('agents.search')}
          placeholder={t('agents.searchPlaceholder')}
          value={box.text}
          onChange={(event) => {
            box.type(event.currentTarget.value);
            commitSearch(event.currentTarget.value);
          }}
          w={280}
          data-testid="agents-search"
        />
        <Select
          label={t('agents.columns.team')}
          placeholder={t('agents.allTeams')}
          data={namedOptions(facets.data?.teams ?? [])}
          value={teamId ? String(teamId) : null}
          onChange={(value) => update({ team: value ?? undefined })}
          clearable
          w={220}
          data-testid="agents-team"
        />
      </Group>
      {agents.isError ? (
        <Alert color="red">{t('errors.generic', { message: agents.error.message })}</Alert>
      ) : agents.isPending ? (
        <Loader size="sm" />
      ) : agents.data.length === 0 ? (
        <Text c="dimmed" data-testid="agents-empty">
          {filtered ? t('agents.noMatches') : t('agents.empty')}
        </Text>
      ) : (
        <AgentsTable agents={agents.data} />
      )}
      <MysteryTeamFigures />
    </Stack>
  );
}
