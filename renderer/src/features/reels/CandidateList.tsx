import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WowMoment } from '../../../../shared/api/methods/reels';
import { api } from '../../api/client';
import { DayInput } from '../../app/DayInput';
import { formatDateTime } from '../../app/format';
import { namedOptions } from '../../app/options';
import { momentPlace } from '../agents/where';
import { ClipPlayer } from '../clips/ClipPlayer';
import type { CandidateFilters } from './reel-edit';

const PAGE = 20;

/**
 * Exemplary moments to pick from, newest first, narrowed by team, agent and date: each with whose it is,
 * what the reviewer said and the clip to listen to before adding it.
 */
export function CandidateList({
  filters,
  onFilters,
  inReel,
  onAdd,
  full,
}: {
  filters: CandidateFilters;
  onFilters: (filters: CandidateFilters) => void;
  inReel: ReadonlySet<number>;
  onAdd: (moment: WowMoment) => void;
  full: boolean;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(PAGE);
  const candidates = useQuery({
    queryKey: ['reels', 'candidates', filters],
    queryFn: () => api.reel.candidates(filters),
    placeholderData: keepPreviousData,
  });
  const list = candidates.data ?? [];
  return (
    <Paper withBorder p="sm" data-testid="reel-candidates">
      <Group gap="xs" mb="xs">
        <Title order={4}>{t('reels.candidates.title')}</Title>
        {candidates.data && (
          <Badge variant="light" color="green">
            {list.length}
          </Badge>
        )}
      </Group>
      <CandidateFilterBar filters={filters} onChange={onFilters} />
      {candidates.isError ? (
        <Alert color="red" mt="sm">
          {t('errors.generic', { message: candidates.error.message })}
        </Alert>
      ) : candidates.isPending ? (
        <Loader size="sm" mt="sm" />
      ) : list.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm" data-testid="reel-candidates-empty">
          {Object.keys(filters).length > 0 ? t('reels.candidates.noMatches') : t('reels.candidates.empty')}
        </Text>
      ) : (
        <Stack gap="xs" mt="sm">
          {list.slice(0, shown).map((moment) => (
            <Candidate
              key={moment.id}
              moment={moment}
              added={inReel.has(moment.id)}
              full={full}
              onAdd={() => onAdd(moment)}
            />
          ))}
          {list.length > shown && (
            <Button variant="subtle" size="xs" onClick={() => setShown((n) => n + PAGE)}>
              {t('reels.candidates.more', { count: list.length - shown })}
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function CandidateFilterBar({
  filters,
  onChange,
}: {
  filters: CandidateFilters;
  onChange: (filters: CandidateFilters) => void;
}) {
  const { t } = useTranslation();
  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  const agents = (facets.data?.agents ?? []).filter(
    (agent) => !filters.teamId || agent.teamId === filters.teamId,
  );
  const set = (patch: Partial<CandidateFilters>) => onChange({ ...filters, ...patch });
  return (
    <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs">
      <Select
        label={t('reels.candidates.team')}
        placeholder={t('reels.candidates.allTeams')}
        data={namedOptions(facets.data?.teams ?? [])}
        value={filters.teamId ? String(filters.teamId) : null}
        onChange={(value) => set({ teamId: value ? Number(value) : undefined })}
        clearable
        size="xs"
        data-testid="reel-filter-team"
      />
      <Select
        label={t('reels.candidates.agent')}
        placeholder={t('reels.candidates.allAgents')}
        data={namedOptions(agents)}
        value={filters.agentId ? String(filters.agentId) : null}
        onChange={(value) => set({ agentId: value ? Number(value) : undefined })}
        searchable
        clearable
        size="xs"
        data-testid="reel-filter-agent"
      />
      <DayInput
        label={t('reels.candidates.from')}
        value={filters.from ?? null}
        onChange={(day) => set({ from: day ?? undefined })}
        clearable
        size="xs"
        data-testid="reel-filter-from"
      />
      <DayInput
        label={t('reels.candidates.to')}
        value={filters.to ?? null}
        onChange={(day) => set({ to: day ?? undefined })}
        clearable
        size="xs"
        data-testid="reel-filter-to"
      />
    </SimpleGrid>
  );
}

function Candidate({
  moment,
  added,
  full,
  onAdd,
}: {
  moment: WowMoment;
  added: boolean;
  full: boolean;
  onAdd: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper
      withBorder
      p="xs"
      style={{ borderLeft: '4px solid var(--mantine-color-green-6)' }}
      data-testid="reel-candidate"
      data-moment-id={moment.id}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={700} truncate>
              {moment.agentName ?? t('reels.unknownAgent')}
              {moment.teamName && (
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  · {moment.teamName}
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {[
                moment.interactionTitle,
                momentPlace(t, moment),
                formatDateTime(moment.interactionStartedAt, i18n.language),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Stack>
          {added ? (
            <Badge color="green" variant="light" size="lg" style={{ flexShrink: 0 }} data-testid="reel-added">
              ✓ {t('reels.candidates.added')}
            </Badge>
          ) : (
            <Button
              size="compact-sm"
              color="green"
              disabled={full}
              onClick={onAdd}
              style={{ flexShrink: 0 }}
              data-testid="reel-add"
            >
              {t('reels.candidates.add')}
            </Button>
          )}
        </Group>
        {moment.comment && (
          <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
            {moment.comment}
          </Text>
        )}
        <ClipPlayer moment={moment} />
      </Stack>
    </Paper>
  );
}
