import { describe, expect, it } from 'vitest';
import {
  elapsedAt,
  finishedAt,
  READING_MAX_MS,
  readingTimeMs,
  seekClock,
  startClock,
  stopClock,
  stoppedClock,
  timeLeft,
} from '../../../renderer/src/features/clips/reading-clock';

describe('the reading time of a chat message', () => {
  it('is four seconds plus 60 ms a character, at most twenty seconds', () => {
    expect(readingTimeMs('')).toBe(4000);
    expect(readingTimeMs('Thanks, that fixed it!')).toBe(4000 + 22 * 60);
    expect(readingTimeMs('x'.repeat(1000))).toBe(READING_MAX_MS);
    expect(readingTimeMs('x'.repeat(266))).toBe(19_960);
  });

  it('counts what people see: no surrounding blanks, an emoji as one character', () => {
    expect(readingTimeMs('  ok \n')).toBe(4000 + 2 * 60);
    expect(readingTimeMs('👍')).toBe(4060);
  });
});

describe('the reading clock', () => {
  const clock = stoppedClock(5000);

  it('runs from zero, pauses where it was, and runs on from there', () => {
    const running = startClock(clock, 1000);
    expect(elapsedAt(running, 3000)).toBe(2000);
    const paused = stopClock(running, 3000);
    expect(elapsedAt(paused, 60_000)).toBe(2000);
    const resumed = startClock(paused, 10_000);
    expect(elapsedAt(resumed, 11_500)).toBe(3500);
    expect(finishedAt(resumed, 12_999)).toBe(false);
    expect(finishedAt(resumed, 13_000)).toBe(true);
    // However late it is looked at, it never runs past its length.
    expect(elapsedAt(resumed, 99_000)).toBe(5000);
  });

  it('starts over once it has run out, and pressing play twice changes nothing', () => {
    const done = stopClock(startClock(clock, 0), 7000);
    expect(elapsedAt(done, 7000)).toBe(5000);
    expect(elapsedAt(startClock(done, 8000), 8500)).toBe(500);
    const running = startClock(clock, 100);
    expect(startClock(running, 900)).toBe(running);
  });

  it('seeks within its length, running or not', () => {
    expect(elapsedAt(seekClock(clock, 3000, 0), 10_000)).toBe(3000);
    expect(elapsedAt(seekClock(startClock(clock, 0), 1000, 2000), 2500)).toBe(1500);
    expect(elapsedAt(seekClock(clock, -5, 0), 0)).toBe(0);
    expect(elapsedAt(seekClock(clock, 9000, 0), 0)).toBe(5000);
  });

  it('counts down in whole seconds, showing 0:01 until the very end', () => {
    expect(timeLeft(5000, 0)).toBe(5000);
    expect(timeLeft(5000, 100)).toBe(5000);
    expect(timeLeft(5000, 4100)).toBe(1000);
    expect(timeLeft(5000, 5000)).toBe(0);
    expect(timeLeft(5000, 6000)).toBe(0);
  });
});
