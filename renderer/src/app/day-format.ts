import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/de';
import 'dayjs/locale/fi';
import type { DayOfWeek } from '@mantine/dates';
import type { Language } from '../../../shared/api';

dayjs.extend(customParseFormat);

/**
 * How a day is written and typed in each language: shown as the rest of the app shows days ("Dec 4,
 * 2026", "04.12.2026", "4.12.2026"), typed that way or as 2026-12-04, with the week starting where
 * its readers expect it.
 */
const dayFormats: Record<Language, { shown: string; typed: string[]; firstDayOfWeek: DayOfWeek }> = {
  en: { shown: 'MMM D, YYYY', typed: ['MMM D, YYYY', 'MMM D YYYY', 'D MMM YYYY'], firstDayOfWeek: 0 },
  de: { shown: 'DD.MM.YYYY', typed: ['D.M.YYYY'], firstDayOfWeek: 1 },
  fi: { shown: 'D.M.YYYY', typed: ['D.M.YYYY'], firstDayOfWeek: 1 },
};

/** Strict parsing wants the digits as written: "04.12.2026" is D.M.YYYY with leading zeros. */
const withLeadingZeros = (format: string) =>
  [format, format.replace(/\bD\b/, 'DD'), format.replace(/\bM\b/, 'MM')].concat(
    format.replace(/\bD\b/, 'DD').replace(/\bM\b/, 'MM'),
  );

export function dayLanguage(language: string): Language {
  return language === 'de' || language === 'fi' ? language : 'en';
}

export function shownDayFormat(language: string): string {
  return dayFormats[dayLanguage(language)].shown;
}

export function firstDayOfWeek(language: string): DayOfWeek {
  return dayFormats[dayLanguage(language)].firstDayOfWeek;
}

/** What a person typed, as the API's `YYYY-MM-DD`, or null while it is not (yet) a real day. */
export function parseTypedDay(text: string, language: string): string | null {
  const typed = text.trim();
  if (typed === '') return null;
  const formats = ['YYYY-MM-DD', ...dayFormats[dayLanguage(language)].typed.flatMap(withLeadingZeros)];
  const day = dayjs(typed, formats, dayLanguage(language), true);
  return day.isValid() ? day.format('YYYY-MM-DD') : null;
}
