/**
 * Weeks as the review queue counts them: ISO 8601 weeks, Monday to Sunday, written `2026-W45`. An
 * interaction belongs to the week of the date its start time names (the first ten characters of
 * `started_at`), the same text on both engines, so a draw never depends on the server's time zone.
 */

const WEEK = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `text` is a week such as `2026-W45` that exists (W53 only in years that have one). */
export function isIsoWeek(text: string): boolean {
  const match = WEEK.exec(text);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInYear(Number(match[1]));
}

/** The seven dates (YYYY-MM-DD) of a week, Monday first. */
export function weekDays(week: string): string[] {
  const match = WEEK.exec(week);
  if (!match || !isIsoWeek(week)) throw new Error(`"${week}" is not a week such as 2026-W45`);
  const monday = mondayOfWeekOne(Number(match[1])) + (Number(match[2]) - 1) * 7 * DAY_MS;
  return Array.from({ length: 7 }, (_, day) => new Date(monday + day * DAY_MS).toISOString().slice(0, 10));
}

/** The week a date (YYYY-MM-DD, or an ISO time whose first ten characters are one) falls in. */
export function weekOf(date: string): string {
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`"${date}" is not a date`);
  const day = new Date(ms);
  // The ISO week year is the year of the week's Thursday.
  const thursday = new Date(ms + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.round((thursday.getTime() - mondayOfWeekOne(year) - 3 * DAY_MS) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The week a review week samples: the one before it. Reviews are due in week W and listen to the calls
 * and chats of week W-1, which is complete when the draw is made on W's Monday.
 */
export const sampledWeek = (dueWeek: string): string => shiftWeek(dueWeek, -1);

/** The week `steps` weeks after (or, negative, before) `week`. */
export function shiftWeek(week: string, steps: number): string {
  return weekOf(new Date(Date.parse(`${weekDays(week)[0]}T00:00:00Z`) + steps * 7 * DAY_MS).toISOString());
}

function mondayOfWeekOne(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

function weeksInYear(year: number): number {
  return (mondayOfWeekOne(year + 1) - mondayOfWeekOne(year)) / (7 * DAY_MS);
}
