import { EarmarkError } from '../../../../shared/errors';

/**
 * "Today" for due dates. An action item is due on a calendar day the coach picked in their own time zone,
 * so it is overdue from the next local day on, not from midnight UTC. Tests set the day they need,
 * because an overdue flag that depends on when the suite runs proves nothing.
 */

/** A date as YYYY-MM-DD in the computer's local time zone. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

let todayOverride: string | null = null;

export function today(): string {
  return todayOverride ?? localDate(new Date());
}

/** For tests: pin today's date (YYYY-MM-DD), or `null` to follow the real clock again. */
export function setToday(date: string | null): void {
  todayOverride = date;
}

/** Not done, and due before today. */
export const isOverdue = (dueOn: string, doneAt: string | null, on = today()): boolean =>
  doneAt === null && dueOn < on;

export const now = () => new Date().toISOString();

/**
 * The contract only checks the YYYY-MM-DD shape; 2026-02-30 has it too. A date that is not in the
 * calendar is refused, naming the field, rather than stored and compared as text.
 */
export function assertCalendarDate(value: string, field: string): void {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new EarmarkError('invalid_params', `${field}: ${value} is not a day in the calendar.`);
  }
}
