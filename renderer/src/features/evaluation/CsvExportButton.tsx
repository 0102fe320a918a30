import { Button, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { csvColumns } from '../../../../shared/api/methods/evaluations';
import { reviewerRoles } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { downloadText } from '../rubrics/download';

/**
 * Downloads a rubric's submitted evaluations as CSV for Excel. Excel splits columns on its locale's list
 * separator, so German and Finnish get ';' and decimal commas, English ',' and decimal points; headers
 * and answer words come in the interface language.
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
  const { t, i18n } = useTranslation();
  const commaLocale = i18n.language !== 'en';
  const exportCsv = useMutation({
    mutationFn: () =>
      api.evaluation.exportCsv({
        rubricId,
        delimiter: commaLocale ? ';' : ',',
        decimalComma: commaLocale,
        labels: {
          columns: Object.fromEntries(
            csvColumns.map((column) => [column, t(`evaluation.csv.columns.${column}`)]),
          ),
          answers: {
            yes: t('evaluation.answers.yes'),
            no: t('evaluation.answers.no'),
            na: t('evaluation.answers.na'),
          },
          results: {
            pass: t('evaluation.result.pass'),
            fail: t('evaluation.result.fail'),
            incomplete: t('evaluation.result.incomplete'),
          },
          states: { draft: t('evaluation.state.draft'), submitted: t('evaluation.state.submitted') },
          roles: Object.fromEntries(reviewerRoles.map((role) => [role, t(`profiles.roles.${role}`)])),
          commentSuffix: t('evaluation.csv.comment'),
        },
      }),
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
