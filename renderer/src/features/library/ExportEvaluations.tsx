import { Alert, Button, Group, List, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryFilters } from '../../../../shared/api';
import type { ExportDates } from '../../../../shared/api/methods/evaluations';
import { api } from '../../api/client';
import { DayInput } from '../../app/DayInput';
import { useExportOptions } from '../evaluation/export-labels';
import { formatPercent } from '../evaluation/score-format';
import { downloadBase64, downloadText } from '../rubrics/download';
import { filterWords } from './filter-words';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * "Export evaluations" in the library: the submitted evaluations of the interactions the library shows
 * for its current filters, as an Excel workbook or CSV. The dialog has its own date range, starting as
 * the library's date filter, on the day of the call or chat or on the day the evaluation was submitted.
 */
export function ExportEvaluations({ filters }: { filters: LibraryFilters }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpened(true)} data-testid="library-export">
        {t('library.export.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('library.export.title')}
        size="lg"
        data-testid="export-dialog"
      >
        {/* Mounted on open, so the dates start from the library's filter as it is now. */}
        {opened && <ExportForm filters={filters} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function ExportForm({ filters, onClose }: { filters: LibraryFilters; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const options = useExportOptions();
  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  const [dates, setDates] = useState<ExportDates>({ from: filters.from, to: filters.to, of: 'interaction' });
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const reversed = dates.from !== undefined && dates.to !== undefined && dates.from > dates.to;
  const words = filterWords(filters, facets.data, t, (n) => formatPercent(n, i18n.language));

  const run = useMutation({
    mutationFn: () =>
      api.evaluation.exportLibrary({
        filters: { ...filters, from: undefined, to: undefined },
        dates,
        format,
        ...options,
      }),
    onSuccess: (result) => {
      if (result.rows === 0) return;
      if (result.format === 'xlsx') downloadBase64(result.fileName, result.content, XLSX_TYPE);
      else downloadText(result.fileName, result.content, 'text/csv;charset=utf-8');
    },
  });

  return (
    <Stack gap="md" data-testid="export-form">
      <Stack gap={4}>
        <Text size="sm">{t('library.export.intro')}</Text>
        {words.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="export-filters">
            {t('library.export.noFilters')}
          </Text>
        ) : (
          <List size="sm" data-testid="export-filters">
            {words.map((word) => (
              <List.Item key={word}>{word}</List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Stack gap={6}>
        <Group gap="sm" align="flex-start">
          <DayInput
            label={t('library.filter.from')}
            value={dates.from ?? null}
            onChange={(day) => setDates({ ...dates, from: day ?? undefined })}
            error={reversed ? t('library.export.reversed') : undefined}
            clearable
            w={170}
            popoverProps={{ withinPortal: true }}
            data-testid="export-from"
          />
          <DayInput
            label={t('library.filter.to')}
            value={dates.to ?? null}
            onChange={(day) => setDates({ ...dates, to: day ?? undefined })}
            clearable
            w={170}
            popoverProps={{ withinPortal: true }}
            data-testid="export-to"
          />
        </Group>
        <Group gap="xs">
          <Text size="sm">{t('library.export.datesOf')}</Text>
          <SegmentedControl
            size="xs"
            value={dates.of}
            onChange={(value) =>
              setDates({ ...dates, of: value === 'evaluation' ? 'evaluation' : 'interaction' })
            }
            data={[
              { value: 'interaction', label: t('library.export.ofInteraction') },
              { value: 'evaluation', label: t('library.export.ofEvaluation') },
            ]}
            data-testid="export-dates-of"
          />
        </Group>
        {dates.from === undefined && dates.to === undefined && (
          <Text size="xs" c="dimmed">
            {t('library.export.allDates')}
          </Text>
        )}
      </Stack>
      <Group gap="xs">
        <Text size="sm">{t('library.export.format')}</Text>
        <SegmentedControl
          size="xs"
          value={format}
          onChange={(value) => setFormat(value === 'csv' ? 'csv' : 'xlsx')}
          data={[
            { value: 'xlsx', label: t('library.export.xlsx') },
            { value: 'csv', label: t('library.export.csv') },
          ]}
          data-testid="export-format"
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('library.export.privacy')}
      </Text>
      {run.isError && (
        <Alert color="red" data-testid="export-error">
          {run.error.message}
        </Alert>
      )}
      {run.isSuccess && (
        <Alert
          color={run.data.rows === 0 ? 'yellow' : 'teal'}
          data-testid="export-result"
          data-rows={run.data.rows}
        >
          {run.data.rows === 0
            ? t('library.export.none')
            : t('library.export.done', { count: run.data.rows, file: run.data.fileName })}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('library.export.close')}
        </Button>
        <Button
          onClick={() => run.mutate()}
          loading={run.isPending}
          disabled={reversed}
          data-testid="export-run"
        >
          {t('library.export.run')}
        </Button>
      </Group>
    </Stack>
  );
}
