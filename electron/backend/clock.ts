/**
 * The backend's one clock. Every service that stamps a time (created, saved, submitted, deleted) or asks
 * what day it is reads it here, so a test can set and move time instead of sleeping for distinct
 * timestamps, and an overdue flag does not depend on when the suite runs.
 *
 * Services receive the database, not the whole backend context, so the clock is found through the
 * database it was bound to (createBackend binds it); a database nobody bound follows the real clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const clocks = new WeakMap<object, Clock>();

/** Makes `clock` the time of everything done on `db`. */
export function bindClock(db: object, clock: Clock): void {
  clocks.set(db, clock);
}

export const clockOf = (db: object): Clock => clocks.get(db) ?? systemClock;

/** Now, as the ISO text every stored time uses. */
export const nowIso = (db: object): string => clockOf(db).now().toISOString();

/** A date as YYYY-MM-DD in the computer's local time zone. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today in the computer's local time zone (YYYY-MM-DD). */
export const localToday = (db: object): string => localDate(clockOf(db).now());
