import type { Clock } from '../../electron/backend/clock';

/**
 * A clock the test sets and moves, for createBackend's `clock`: two saves a millisecond apart get two
 * different times because the test moved the clock between them, not because it slept.
 */
export class TestClock implements Clock {
  private ms: number;

  constructor(start = '2026-11-20T09:00:00Z') {
    this.ms = TestClock.parse(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  /** Moves on by `ms` (a minute by default). */
  advance(ms = 60_000): void {
    this.ms += ms;
  }

  /** Goes to a time (ISO) or to a day (YYYY-MM-DD, at local noon, so every time zone has that day). */
  set(when: string): void {
    this.ms = TestClock.parse(when);
  }

  private static parse(when: string): number {
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(when) ? new Date(`${when}T12:00:00`).getTime() : Date.parse(when);
    if (Number.isNaN(ms)) throw new Error(`TestClock: "${when}" is not a date or an ISO time`);
    return ms;
  }
}
