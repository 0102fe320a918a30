import type { NamePatternError } from './parse';

const PART_NAMES: Record<string, string> = {
  year: 'year (yyyy)',
  month: 'month (MM)',
  day: 'day (dd)',
  hour: 'hour (HH)',
  minute: 'minutes (mm)',
  second: 'seconds (ss)',
  millisecond: 'milliseconds (SSS)',
};

/**
 * The problem in English, for the command line and the backend's errors; the app shows the same
 * from its locale files (import.pattern.errors.<code>).
 */
export function describeNamePatternError(error: NamePatternError): string {
  const where = `at character ${error.at + 1}`;
  switch (error.code) {
    case 'unclosedBrace':
      return `The "{" ${where} is never closed with "}".`;
    case 'strayClosingBrace':
      return `The "}" ${where} closes no "{".`;
    case 'nestedBrace':
      return `A "{" ${where} opens inside another placeholder; close the first with "}".`;
    case 'emptyPlaceholder':
      return `The placeholder ${where} is empty; write for example {agent}.`;
    case 'unknownPlaceholder':
      return `{${error.name}} ${where} is not a placeholder Earmark knows; use {agent}, {team}, {direction}, {queue}, {customer}, {id}, {date:…}, {time:…}, {datetime:…} or {*}.`;
    case 'formatNotAllowed':
      return `{${error.name}} ${where} takes no format; only date, time and datetime do.`;
    case 'unknownDatePart':
      return `"${error.part}" ${where} is not a date part; use yyyy, yy, MM, M, dd, d, HH, H, mm, ss or SSS.`;
    case 'repeated':
      return `The ${PART_NAMES[error.name] ?? `{${error.name}}`} is given twice (${where}).`;
    case 'adjacent':
      return `{${error.first}} and {${error.second}} follow each other ${where} with nothing between them, so where one ends cannot be told.`;
    case 'incompleteDate':
      return error.needs
        ? `The ${PART_NAMES[error.needs]} ${where} needs the ${PART_NAMES[error.missing]} too.`
        : `The date ${where} has no ${PART_NAMES[error.missing]}.`;
    case 'folderSeparator':
      return `The pattern reads file names only: the folder separator ${where} cannot be in one.`;
    case 'nothingToRead':
      return 'The pattern reads nothing; add a placeholder such as {agent} or {date:yyyy-MM-dd}.';
    case 'tooLong':
      return `The pattern is longer than ${error.max} characters.`;
  }
}
