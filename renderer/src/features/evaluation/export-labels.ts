import { useTranslation } from 'react-i18next';
import { csvColumns, type CsvLabels } from '../../../../shared/api/methods/evaluations';
import { reviewerRoles } from '../../../../shared/api/methods/profiles';
import { evaluationResults } from '../../../../shared/rubric/outcome';

/**
 * Headers and words of an evaluations export in the interface language, and Excel's conventions of that
 * language: German and Finnish Excel split columns on ';' and write decimal commas, English on ','.
 */
export function useExportOptions(): { delimiter: ';' | ','; decimalComma: boolean; labels: CsvLabels } {
  const { t, i18n } = useTranslation();
  const commaLocale = i18n.language !== 'en';
  return {
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
      results: Object.fromEntries(
        evaluationResults.map((result) => [result, t(`evaluation.result.${result}`)]),
      ),
      states: { draft: t('evaluation.state.draft'), submitted: t('evaluation.state.submitted') },
      roles: Object.fromEntries(reviewerRoles.map((role) => [role, t(`profiles.roles.${role}`)])),
      commentSuffix: t('evaluation.csv.comment'),
      sheet: t('evaluation.csv.sheet'),
    },
  };
}
