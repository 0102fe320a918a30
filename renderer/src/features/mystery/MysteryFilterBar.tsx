import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mysteryStatuses, type MysteryShopSummary } from '../../../../shared/api/methods/mystery';
import { MysteryChannel } from '../../../../shared/rubric/mystery';
import { api } from '../../api/client';
import { DayInput } from '../../app/DayInput';
import { useTextFollowingUrl } from '../../app/useTextFollowingUrl';
import { ScoreFilter } from '../library/ScoreFilter';
import { cleanFilters, type MysteryFilters } from './mystery-url';

const distinct = (values: string[]) =>
  [...new Set(values.filter((v) => v !== ''))].sort((a, b) => a.localeCompare(b));

/** Search box and filters; every change goes straight into the URL through `onChange`. */
export function MysteryFilterBar({
  filters,
  all,
  onChange,
}: {
  filters: MysteryFilters;
  /** Every shop, for the waves and teams there are to pick from. */
  all: readonly MysteryShopSummary[];
  onChange: (next: MysteryFilters) => void;
}) {
  const { t } = useTranslation();
  const scenarios = useQuery({ queryKey: ['mystery', 'scenarios'], queryFn: () => api.scenario.list({}) });
  const search = useTextFollowingUrl(filters.search ?? '');
  const set = (patch: Partial<MysteryFilters>) => onChange(cleanFilters({ ...filters, ...patch }));
  const commitText = (value: string) => {
    search.commit(value);
    set({ search: value });
  };
  const commitTextSoon = useDebouncedCallback(commitText, 250);
  const any = t('mysteryList.filter.any');
  const pick = (key: 'wave' | 'team', values: string[]) => (
    <Select
      label={t(`mystery.field.${key}`)}
      placeholder={any}
      data={distinct(values)}
      value={filters[key] ?? null}
      onChange={(value) => set({ [key]: value ?? undefined })}
      searchable
      clearable
      w={180}
      data-testid={`mystery-filter-${key}`}
    />
  );

  return (
    <Group gap="sm" align="end" wrap="wrap" data-testid="mystery-filters">
      <TextInput
        label={t('mysteryList.search.label')}
        placeholder={t('mysteryList.search.placeholder')}
        value={search.text}
        onChange={(event) => {
          search.type(event.currentTarget.value);
          commitTextSoon(event.currentTarget.value);
        }}
        onKeyDown={(event) => event.key === 'Enter' && commitText(search.text)}
        w={280}
        data-testid="mystery-search"
      />
      {pick(
        'wave',
        all.map((shop) => shop.wave),
      )}
      {pick(
        'team',
        all.map((shop) => shop.team),
      )}
      <Select
        label={t('mystery.field.channel')}
        placeholder={any}
        data={MysteryChannel.options.map((value) => ({ value, label: t(`mystery.channel.${value}`) }))}
        value={filters.channel ?? null}
        onChange={(value) => set({ channel: MysteryChannel.safeParse(value).data })}
        clearable
        w={130}
        data-testid="mystery-filter-channel"
      />
      <Select
        label={t('mystery.field.scenario')}
        placeholder={any}
        data={(scenarios.data ?? []).map((s) => ({ value: String(s.id), label: s.title }))}
        value={filters.scenarioId === undefined ? null : String(filters.scenarioId)}
        onChange={(value) => set({ scenarioId: value === null ? undefined : Number(value) })}
        searchable
        clearable
        w={200}
        data-testid="mystery-filter-scenario"
      />
      <Select
        label={t('mystery.field.status')}
        placeholder={any}
        data={mysteryStatuses.map((value) => ({ value, label: t(`mystery.status.${value}`) }))}
        value={filters.status ?? null}
        onChange={(value) => set({ status: mysteryStatuses.find((status) => status === value) })}
        clearable
        w={150}
        data-testid="mystery-filter-status"
      />
      <ScoreFilter
        value={{ scoreMin: filters.minPercent, scoreMax: filters.maxPercent }}
        onChange={({ scoreMin, scoreMax }) => set({ minPercent: scoreMin, maxPercent: scoreMax })}
      />
      <DayInput
        label={t('mysteryList.filter.from')}
        value={filters.from ?? null}
        onChange={(day) => set({ from: day ?? undefined })}
        clearable
        w={150}
        data-testid="mystery-filter-from"
      />
      <DayInput
        label={t('mysteryList.filter.to')}
        value={filters.to ?? null}
        onChange={(day) => set({ to: day ?? undefined })}
        clearable
        w={150}
        data-testid="mystery-filter-to"
      />
      {Object.keys(filters).length > 0 && (
        <Button
          variant="subtle"
          onClick={() => {
            search.commit('');
            onChange({});
          }}
          data-testid="mystery-clear"
        >
          {t('mysteryList.filter.clear')}
        </Button>
      )}
    </Group>
  );
}
