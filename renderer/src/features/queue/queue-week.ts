import { isIsoWeek, weekDays, weekOf } from '../../../../shared/queue/week';

/** This week, by the computer's own calendar. */
export function currentWeek(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return weekOf(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
}

/** The week in the address (`?week=2026-W45`), or this week when there is none or it is not a week. */
export function weekFromSearch(search: URLSearchParams): string {
  const week = search.get('week');
  return week !== null && isIsoWeek(week) ? week : currentWeek();
}

/** A day (YYYY-MM-DD) as the reader says it: "Mon 2 Nov". */
export function shownDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

/** Monday and Sunday of a week, as the reader says them. */
export function weekRange(week: string, language: string): { from: string; to: string } {
  const days = weekDays(week);
  return { from: shownDay(days[0]!, language), to: shownDay(days[6]!, language) };
}
