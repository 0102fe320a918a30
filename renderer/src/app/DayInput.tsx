import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dayLanguage, firstDayOfWeek, parseTypedDay, shownDayFormat } from './day-format';

/**
 * The calendars follow the interface language: month and weekday names, the first day of the week.
 * (A browser's own date field follows the operating system instead, so it stayed mm/dd/yyyy in a
 * German or Finnish Earmark on an English system.)
 */
export function DatesFollowLanguage({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = dayLanguage(i18n.language);
  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: firstDayOfWeek(locale) }}>{children}</DatesProvider>
  );
}

type DayInputProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** The day as the API has it, `YYYY-MM-DD`, or null for none. */
  value: string | null;
  onChange: (day: string | null) => void;
};

/**
 * A day, typed or picked from a calendar, written the way the interface language writes days; the
 * value stays `YYYY-MM-DD` for the API whatever the language.
 */
export function DayInput({ value, onChange, ...props }: DayInputProps) {
  const { i18n } = useTranslation();
  return (
    <DateInput
      {...props}
      value={value}
      onChange={(day) => onChange(day === null ? null : String(day).slice(0, 10))}
      valueFormat={shownDayFormat(i18n.language)}
      dateParser={(text) => parseTypedDay(text, i18n.language)}
    />
  );
}
