import { Button, Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LibraryFilters } from '../../../../shared/api';
import { outcomes, type Outcome } from '../../../../shared/rubric/outcome';
import { api } from '../../api/client';
import { DayInput } from '../../app/DayInput';
import { useTextFollowingUrl } from '../../app/useTextFollowingUrl';
import { ScoreFilter } from './ScoreFilter';

/** Search box and filters; every change goes straight into the URL through `onChange`. */
export function FilterBar({
  filters,
  onChange,
}: {
  filters: LibraryFilters;
  onChange: (next: LibraryFilters) => void;
}) {
  const { t } = useTranslation();
  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  const search = useTextFollowingUrl(filters.text ?? '');
  const commitText = (value: string) => {
    search.commit(value);
    onChange(withText(filters, value));
  };
  const commitTextSoon = useDebouncedCallback(commitText, 250);
  const set = (patch: Partial<LibraryFilters>) => onChange(clean({ ...filters, ...patch }));
  const active = Object.keys(filters).length > 0;

  return (
    <Group gap="sm" align="end" wrap="wrap" data-testid="library-filters">
      <TextInput
        label={t('library.search.label')}
        placeholder={t('library.search.placeholder')}
        value={search.text}
        onChange={(event) => {
          search.type(event.currentTarget.value);
          commitTextSoon(event.currentTarget.value);
        }}
        onKeyDown={(event) => event.key === 'Enter' && commitText(search.text)}
        w={280}
        data-testid="library-search"
      />
      <SegmentedControl
        value={filters.kind ?? 'all'}
        onChange={(value) => set({ kind: value === 'call' || value === 'chat' ? value : undefined })}
        data={[
          { value: 'all', label: t('library.filter.all') },
          { value: 'call', label: t('library.filter.calls') },
          { value: 'chat', label: t('library.filter.chats') },
        ]}
        data-testid="library-kind"
      />
      <MultiSelect
        label={t('library.filter.agents')}
        data={(facets.data?.agents ?? []).map((agent) => ({ value: String(agent.id), label: agent.name }))}
        value={(filters.agentIds ?? []).map(String)}
        onChange={(values) => set({ agentIds: values.map(Number) })}
        searchable
        clearable
        w={220}
        data-testid="library-agents"
      />
      <MultiSelect
        label={t('library.filter.teams')}
        data={(facets.data?.teams ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
        value={(filters.teamIds ?? []).map(String)}
        onChange={(values) => set({ teamIds: values.map(Number) })}
        clearable
        w={200}
        data-testid="library-teams"
      />
      <Select
        label={t('library.filter.reviewed')}
        data={[
          { value: 'all', label: t('library.filter.all') },
          { value: 'yes', label: t('library.filter.reviewedYes') },
          { value: 'no', label: t('library.filter.reviewedNo') },
        ]}
        value={filters.reviewed === undefined ? 'all' : filters.reviewed ? 'yes' : 'no'}
        onChange={(value) => set({ reviewed: value === 'yes' ? true : value === 'no' ? false : undefined })}
        allowDeselect={false}
        w={150}
        data-testid="library-reviewed"
      />
      <ScoreFilter
        value={{ scoreMin: filters.scoreMin, scoreMax: filters.scoreMax }}
        onChange={(bounds) => set(bounds)}
      />
      <MultiSelect
        label={t('library.filter.outcome')}
        placeholder={filters.outcomes?.length ? undefined : t('library.filter.outcomeAny')}
        data={outcomes.map((outcome) => ({ value: outcome, label: t(`evaluation.result.${outcome}`) }))}
        // Kept in the usual order (pass, below target, critical fail) whatever order they were picked in.
        value={filters.outcomes ?? []}
        onChange={(values) => set({ outcomes: outcomes.filter((o) => values.includes(o)) as Outcome[] })}
        clearable
        w={220}
        data-testid="library-outcome"
      />
      <MultiSelect
        label={t('library.filter.tags')}
        data={(facets.data?.tags ?? []).map((tag) => ({
          value: String(tag.id),
          label: tag.builtin ? t(`review.tags.builtin.${tag.builtin}`) : tag.name,
        }))}
        value={(filters.tagIds ?? []).map(String)}
        onChange={(values) => set({ tagIds: values.map(Number) })}
        clearable
        w={200}
        data-testid="library-tags"
      />
      <DayInput
        label={t('library.filter.from')}
        value={filters.from ?? null}
        onChange={(day) => set({ from: day ?? undefined })}
        clearable
        w={150}
        data-testid="library-from"
      />
      <DayInput
        label={t('library.filter.to')}
        value={filters.to ?? null}
        onChange={(day) => set({ to: day ?? undefined })}
        clearable
        w={150}
        data-testid="library-to"
      />
      {active && (
        <Button
          variant="subtle"
          onClick={() => {
            search.commit('');
            onChange({});
          }}
          data-testid="library-clear"
        >
          {t('library.filter.clear')}
        </Button>
      )}
    </Group>
  );
}

function withText(filters: LibraryFilters, text: string): LibraryFilters {
  return clean({ ...filters, text: text.trim() || undefined });
}

/** Drops empty filters so the URL stays short and equal views compare equal. */
function clean(filters: LibraryFilters): LibraryFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(
      ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  ) as LibraryFilters;
}
