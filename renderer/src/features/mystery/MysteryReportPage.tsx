import { Alert, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { DayInput } from '../../app/DayInput';
import { ItemPassRates } from './ItemPassRates';
import { MysteryHeader } from './MysteryTabs';
import { ProvocativeChart } from './ProvocativeChart';
import { ReportGroups } from './ReportGroups';
import { reportViewFromSearch, searchFromReportView, type ReportView } from './report-url';
import { ScoreTrend } from './ScoreTrend';

/**
 * `/mystery/reports`: per team or per scenario, over time. Only submitted, queried and confirmed shops
 * count. Agents are never named or ranked here: a shop is for face-to-face coaching (DOMAIN.md).
 */
export function MysteryReportPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const view = reportViewFromSearch(search);
  const report = useQuery({
    queryKey: ['mystery', 'report', view],
    queryFn: () => api.mystery.report(view),
    placeholderData: keepPreviousData,
  });
  const shops = useQuery({ queryKey: ['mystery', 'list', {}], queryFn: () => api.mystery.list({}) });
  const waves = [...new Set((shops.data ?? []).map((s) => s.wave).filter(Boolean))].sort();
  const set = (patch: Partial<ReportView>) => {
    const next: ReportView = { ...view, ...patch };
    for (const key of Object.keys(patch) as (keyof ReportView)[])
      if (patch[key] === undefined) delete next[key];
    setSearch(searchFromReportView(next));
  };
  const data = report.data;

  return (
    <Stack
      data-testid="mystery-report"
      data-state={data && !report.isPlaceholderData ? 'ready' : 'loading'}
      data-by={view.by}
    >
      <MysteryHeader tab="reports" />
      <Group gap="sm" align="end" wrap="wrap">
        <SegmentedControl
          value={view.by}
          onChange={(by) => set({ by: by === 'scenario' ? 'scenario' : 'team', key: undefined })}
          data={[
            { value: 'team', label: t('mysteryReport.by.team') },
            { value: 'scenario', label: t('mysteryReport.by.scenario') },
          ]}
          data-testid="report-by"
        />
        <SegmentedControl
          value={view.per}
          onChange={(per) => set({ per: per === 'wave' ? 'wave' : 'month' })}
          data={[
            { value: 'month', label: t('mysteryReport.per.month') },
            { value: 'wave', label: t('mysteryReport.per.wave') },
          ]}
          data-testid="report-per"
        />
        <Select
          label={t('mystery.field.wave')}
          placeholder={t('mysteryList.filter.any')}
          data={waves}
          value={view.wave ?? null}
          onChange={(wave) => set({ wave: wave ?? undefined })}
          clearable
          w={180}
          data-testid="report-wave"
        />
        <DayInput
          label={t('mysteryList.filter.from')}
          value={view.from ?? null}
          onChange={(day) => set({ from: day ?? undefined })}
          clearable
          w={150}
          data-testid="report-from"
        />
        <DayInput
          label={t('mysteryList.filter.to')}
          value={view.to ?? null}
          onChange={(day) => set({ to: day ?? undefined })}
          clearable
          w={150}
          data-testid="report-to"
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('mysteryReport.intro')}
      </Text>
      {report.error ? (
        <Alert color="red">{t('errors.generic', { message: report.error.message })}</Alert>
      ) : !data ? (
        <Loader size="sm" />
      ) : data.groups.length === 0 ? (
        <Text c="dimmed" data-testid="report-empty">
          {t('mysteryReport.empty')}
        </Text>
      ) : (
        // Side by side only where the tables fit their half: a narrow window stacks them.
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <ReportGroups report={data} selected={view.key} onSelect={(key) => set({ key })} />
          <ScoreTrend report={data} />
          <ItemPassRates items={data.items} />
          <ProvocativeChart report={data} />
        </SimpleGrid>
      )}
    </Stack>
  );
}
