import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../shared/api';
import type { PeaksWindow } from '../../../shared/api/methods/review';
import { customerWaits, LONG_WAIT_MS } from '../../../renderer/src/features/review/chat/chat-waits';
import { parseClock } from '../../../renderer/src/features/review/player/clock';
import { PeakTrack, trackResolution } from '../../../renderer/src/features/review/player/peak-track';
import {
  LONG_SILENCE_MS,
  SILENCE_PADDING_MS,
  silencesFromLoudness,
  silencesFromTurns,
  skipTarget,
} from '../../../renderer/src/features/review/player/silences';
import { stepSpeed } from '../../../renderer/src/features/review/player/speeds';
import { labelsTimeAt } from '../../../renderer/src/features/review/player/timeline-labels';
import { stepFromZoom, zoomFromStep } from '../../../renderer/src/features/review/player/zoom';
import {
  findMatches,
  splitByMatches,
} from '../../../renderer/src/features/review/transcript/transcript-search';
import {
  activeTurnIndex,
  nextTurnStart,
  previousTurnStart,
  timedTurns,
  type TimedTurn,
} from '../../../renderer/src/features/review/turns';

const turn = (
  seq: number,
  speaker: Segment['speaker'],
  startMs: number,
  endMs: number,
  text = '',
): TimedTurn => ({
  seq,
  speaker,
  startMs,
  endMs,
  sentAt: null,
  text,
});
const message = (seq: number, speaker: Segment['speaker'], sentAt: string): Segment => ({
  seq,
  speaker,
  startMs: null,
  endMs: null,
  sentAt,
  text: '',
});

describe('turns', () => {
  const turns = [
    turn(0, 'agent', 0, 4000),
    turn(1, 'customer', 3500, 8000),
    turn(2, 'agent', 10_000, 12_000),
  ];

  it('finds the turn being heard, preferring the later one where people talk over each other', () => {
    expect(activeTurnIndex(turns, 1000)).toBe(0);
    expect(activeTurnIndex(turns, 3800)).toBe(1);
    expect(activeTurnIndex(turns, 9000)).toBe(-1); // a pause
    expect(activeTurnIndex(turns, 11_000)).toBe(2);
    expect(activeTurnIndex([], 0)).toBe(-1);
  });

  it('goes to the next turn, and back to the start of this one or the one before', () => {
    expect(nextTurnStart(turns, 1000)).toBe(3500);
    expect(nextTurnStart(turns, 11_000)).toBeNull();
    expect(previousTurnStart(turns, 6000)).toBe(3500); // well into turn 1: its start
    expect(previousTurnStart(turns, 3700)).toBe(0); // just after it started: the one before
  });

  it('leaves out untimed segments', () => {
    expect(timedTurns([turn(0, 'agent', 0, 1), message(1, 'customer', '2026-01-01T00:00:00Z')])).toHaveLength(
      1,
    );
  });
});

describe('silences', () => {
  it('are the gaps between turns longer than the threshold, including the ends', () => {
    const turns = [
      turn(0, 'agent', 5000, 6000),
      turn(1, 'customer', 6500, 7000),
      turn(2, 'agent', 20_000, 21_000),
    ];
    expect(silencesFromTurns(turns, 30_000)).toEqual([
      { startMs: 0, endMs: 5000 },
      { startMs: 7000, endMs: 20_000 },
      { startMs: 21_000, endMs: 30_000 },
    ]);
  });

  it('come from the loudness where there is no transcript', () => {
    const quiet = Array.from({ length: 20 }, (_, i) => (i >= 5 && i < 15 ? 0.001 : 0.4));
    expect(silencesFromLoudness([quiet, quiet], 500)).toEqual([{ startMs: 2500, endMs: 7500 }]);
    expect(silencesFromLoudness([quiet, quiet.map(() => 0.4)], 500)).toEqual([]); // the other party speaks
    expect(LONG_SILENCE_MS).toBeLessThanOrEqual(5000);
  });

  it('are skipped to just before the next words', () => {
    const silences = [{ startMs: 7000, endMs: 20_000 }];
    expect(skipTarget(silences, 6000)).toBeNull();
    expect(skipTarget(silences, 9000)).toBe(20_000 - SILENCE_PADDING_MS);
    expect(skipTarget(silences, 19_800)).toBeNull();
  });
});

describe('customer waits in a chat', () => {
  it('count from the first unanswered customer message, flagging long ones', () => {
    const chat = [
      message(0, 'customer', '2026-11-05T10:15:00Z'),
      message(1, 'agent', '2026-11-05T10:15:52Z'),
      message(2, 'customer', '2026-11-05T10:16:30Z'),
      message(3, 'customer', '2026-11-05T10:19:05Z'),
      message(4, 'system', '2026-11-05T10:20:00Z'),
      message(5, 'agent', '2026-11-05T10:20:47Z'),
      message(6, 'agent', '2026-11-05T10:21:00Z'),
    ];
    expect(customerWaits(chat)).toEqual([
      { replySeq: 1, since: '2026-11-05T10:15:00Z', waitedMs: 52_000, long: false },
      { replySeq: 5, since: '2026-11-05T10:16:30Z', waitedMs: 4 * 60_000 + 17_000, long: true },
    ]);
    expect(LONG_WAIT_MS).toBe(120_000);
  });

  it('skip messages without a time', () => {
    expect(customerWaits([message(0, 'customer', ''), message(1, 'agent', 'not a date')])).toEqual([]);
  });
});

describe('transcript search', () => {
  it('finds every occurrence ignoring case, in reading order', () => {
    const matches = findMatches(['Refund, refund!', 'no', 'A REFUND'], 'refund');
    expect(matches).toEqual([
      { turn: 0, start: 0, end: 6 },
      { turn: 0, start: 8, end: 14 },
      { turn: 2, start: 2, end: 8 },
    ]);
    expect(findMatches(['x'], '  ')).toEqual([]);
  });

  it('cuts a text into plain and matched pieces', () => {
    const text = 'A refund now';
    const pieces = splitByMatches(text, findMatches([text], 'refund'));
    expect(pieces.map((p) => [p.text, p.match !== null])).toEqual([
      ['A ', false],
      ['refund', true],
      [' now', false],
    ]);
  });
});

describe('the player', () => {
  it('reads times the way they are written in tickets', () => {
    expect(parseClock('1:45:00')).toBe(6_300_000);
    expect(parseClock('105:00')).toBe(6_300_000);
    expect(parseClock('6300')).toBe(6_300_000);
    expect(parseClock('0:07,5')).toBe(7_500);
    expect(parseClock('1:75')).toBeNull();
    expect(parseClock('soon')).toBeNull();
  });

  it('steps the speed within 0.5× to 2×', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
    expect(stepSpeed(1.1, -1)).toBe(0.75); // an odd rate steps from normal
  });

  it('maps the zoom slider logarithmically, 0 being the whole call', () => {
    const fit = 0.12;
    expect(zoomFromStep(0, fit)).toBe(0);
    expect(zoomFromStep(100, fit)).toBeCloseTo(400);
    for (const step of [10, 50, 90]) expect(stepFromZoom(zoomFromStep(step, fit), fit)).toBe(step);
  });

  it('labels the timeline sparsely enough that labels never overlap', () => {
    expect(labelsTimeAt(600, 0.12)).toBe(true);
    expect(labelsTimeAt(300, 0.12)).toBe(false);
    expect(labelsTimeAt(3, 100)).toBe(true);
  });
});

describe('peak tracks for zooming into a long call', () => {
  // A 100-second recording at 8 kHz: overview at 1 peak/s, a fine window at 10 peaks/s.
  const overview: PeaksWindow = {
    recordingId: 1,
    sampleRate: 8000,
    durationMs: 100_000,
    samplesPerPeak: 8000,
    firstPeak: 0,
    channels: [Array.from({ length: 100 }, (_, i) => i / 100)],
  };

  it('starts as a stretched overview and paints finer windows in', () => {
    const track = new PeakTrack(4, 100_000, overview);
    expect(track.length).toBe(400);
    expect(track.channels[0]![41]).toBeCloseTo(0.1); // second 10
    expect(track.missing(10_000, 20_000)).toEqual({ fromMs: 10_000, toMs: 20_000 });
    track.paint({
      ...overview,
      samplesPerPeak: 800,
      firstPeak: 100,
      channels: [Array.from({ length: 100 }, () => 0.9)],
    });
    expect(track.channels[0]![41]).toBeCloseTo(0.9);
    expect(track.channels[0]![39]).toBeCloseTo(0.09); // outside the window: untouched
    expect(track.missing(10_000, 20_000)).toBeNull();
    expect(track.missing(5_000, 25_000)).toEqual({ fromMs: 5_000, toMs: 25_000 });
  });

  it('uses powers of two up to the finest stored level', () => {
    expect(trackResolution(3, 100)).toBe(4);
    expect(trackResolution(40, 100)).toBe(64);
    expect(trackResolution(400, 100)).toBe(128);
  });
});
