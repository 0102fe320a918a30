import type { TFunction } from 'i18next';
import type { DatePart, NamePatternError } from '../../../../shared/import/name-pattern';

const DATE_PARTS = new Set<string>(['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond']);

/** A pattern's problem in the user's language (the command line has the same in English from shared/). */
export function patternErrorText(t: TFunction, error: NamePatternError): string {
  const part = (name: DatePart) => t(`import.pattern.parts.${name}`);
  const at = error.at + 1;
  switch (error.code) {
    case 'repeated':
      return t('import.pattern.errors.repeated', {
        at,
        what: DATE_PARTS.has(error.name) ? part(error.name as DatePart) : `{${error.name}}`,
      });
    case 'incompleteDate':
      return error.needs
        ? t('import.pattern.errors.incompleteTime', {
            at,
            part: part(error.needs),
            missing: part(error.missing),
          })
        : t('import.pattern.errors.incompleteDate', { at, missing: part(error.missing) });
    case 'unknownPlaceholder':
    case 'formatNotAllowed':
      return t(`import.pattern.errors.${error.code}`, { at, name: `{${error.name}}` });
    case 'unknownDatePart':
      return t('import.pattern.errors.unknownDatePart', { at, part: error.part });
    case 'adjacent':
      return t('import.pattern.errors.adjacent', {
        at,
        first: `{${error.first}}`,
        second: `{${error.second}}`,
      });
    case 'tooLong':
      return t('import.pattern.errors.tooLong', { max: error.max });
    default:
      return t(`import.pattern.errors.${error.code}`, { at });
  }
}
