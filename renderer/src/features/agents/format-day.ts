/**
 * Dates without a time, for where the day is what matters (a session's date, a chart's axis). The app's
 * helpers in app/format.ts show date and time; these follow them: Intl in the interface language, "–"
 * for nothing. A bare YYYY-MM-DD is a calendar day, read in local time so it never shifts by a day.
 */
function toDate(value: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2 Nov 2026" / "02.11.2026" / "2.11.2026". */
export function formatDay(value: string | null | undefined, language: string): string {
  const date = value ? toDate(value) : null;
  return date ? new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date) : '–';
}

/** "2 Nov" / "2. Nov." / "2.11.": short enough for a chart's axis. */
export function formatShortDay(value: string | null | undefined, language: string): string {
  const date = value ? toDate(value) : null;
  return date ? new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(date) : '';
}
