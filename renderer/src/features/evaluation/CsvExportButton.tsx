import { Button, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { downloadText } from '../rubrics/download';
import { useExportOptions } from './export-labels';

/**
 * Downloads a rubric's submitted evaluations as CSV for Excel, headers and words in the interface
 * language (see useExportOptions). The library exports by its filter (library/ExportEvaluations).
 */
export function CsvExportButton({
  rubricId,
  size = 'xs',
  variant = 'default',
}: {
  rubricId: number;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
}) {
  const { t } = useTranslation();
  const options = useExportOptions();
  const exportCsv = useMutation({
    mutationFn: () => api.evaluation.exportCsv({ rubricId, ...options }),
    onSuccess: ({ fileName, csv }) => downloadText(fileName, csv, 'text/csv;charset=utf-8'),
  });
  return (
    <Button
      size={size}
      variant={variant}
      loading={exportCsv.isPending}
      color={exportCsv.isError ? 'red' : undefined}
      title={exportCsv.error?.message}
      onClick={() => exportCsv.mutate()}
      data-testid="export-csv"
    >
      {t('evaluation.csv.export')}
    </Button>
  );
}
