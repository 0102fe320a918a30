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
