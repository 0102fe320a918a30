import { describe, expect, it } from 'vitest';
import type { AgentMoment, TrendPoint } from '../../../shared/api/methods/agents';
import type { LinkedMoment } from '../../../shared/api/methods/coaching';
import type { WowMoment } from '../../../shared/api/methods/reels';
import { formatDay, formatShortDay } from '../../../renderer/src/features/agents/format-day';
import { splitMoments, tagCounts, withTag } from '../../../renderer/src/features/agents/moment-groups';
import {
  outcomeCounts,
  sharedPassMark,
  meanOverall,
  trendChartData,
  windowFromSearch,
} from '../../../renderer/src/features/agents/trend-data';
import {
  clampSpan,
  clipSpan,
  elapsedInSpan,
  POINT_CLIP_MS,
  POINT_LEAD_IN_MS,
  progressPercent,
  reachedEnd,
  resumeFrom,
} from '../../../renderer/src/features/clips/clip-span';
import {
  addMoment,
  filtersFromSearch,
  hasChanges,
  moveMoment,
  praisedAgents,
  reelPayload,
  removeMoment,
  searchFromFilters,
} from '../../../renderer/src/features/reels/reel-edit';

const linked = (patch: Partial<LinkedMoment> = {}): LinkedMoment => ({
  id: 1,
  interactionId: 10,
  interactionTitle: 'Double charge on invoice',
  interactionKind: 'call',
  recordingId: 7,
  startMs: 30_000,
  endMs: null,
  turnSeq: null,
  turnText: null,
  comment: '',
  tagIds: [],
  ...patch,
});

describe('clip span', () => {
  it('plays a range from its start to its end', () => {
    expect(clipSpan(linked({ startMs: 30_000, endMs: 41_500 }))).toEqual({
      recordingId: 7,
      fromMs: 30_000,
      toMs: 41_500,
    });
  });

  it('plays a point from two seconds before it for ten seconds after it', () => {
    expect(clipSpan(linked({ startMs: 30_000 }))).toEqual({
      recordingId: 7,
      fromMs: 30_000 - POINT_LEAD_IN_MS,
      toMs: 30_000 + POINT_CLIP_MS,
    });
  });

  it('does not start before the recording for a point in its first seconds', () => {
    expect(clipSpan(linked({ startMs: 500 }))?.fromMs).toBe(0);
  });

  it('treats an empty range as a point', () => {
    expect(clipSpan(linked({ startMs: 5_000, endMs: 5_000 }))).toEqual({
      recordingId: 7,
      fromMs: 3_000,
      toMs: 15_000,
    });
  });

  it('has nothing to play for chat turns and calls without a recording', () => {
    expect(clipSpan(linked({ recordingId: null, startMs: null, turnSeq: 3, turnText: 'Hi' }))).toBeNull();
    expect(clipSpan(linked({ recordingId: null }))).toBeNull();
    expect(clipSpan(linked({ startMs: null, turnSeq: 2 }))).toBeNull();
  });

  it('stops at the end of the recording once its length is known', () => {
    const span = clipSpan(linked({ startMs: 58_000 }))!;
    expect(clampSpan(span, 60_000)).toEqual({ recordingId: 7, fromMs: 56_000, toMs: 60_000 });
    expect(clampSpan(span, null)).toEqual(span);
    expect(clampSpan(span, Number.NaN)).toEqual(span);
    // A moment past a (re-imported, shorter) recording's end still gives a valid, empty span.
    expect(clampSpan({ recordingId: 7, fromMs: 70_000, toMs: 80_000 }, 60_000)).toEqual({
      recordingId: 7,
      fromMs: 60_000,
      toMs: 60_000,
    });
  });

  it('measures elapsed time and progress within the clip', () => {
    const span = { recordingId: 7, fromMs: 10_000, toMs: 20_000 };
    expect(elapsedInSpan(span, 9_000)).toBe(0);
    expect(elapsedInSpan(span, 12_500)).toBe(2_500);
    expect(elapsedInSpan(span, 25_000)).toBe(10_000);
    expect(progressPercent(span, 15_000)).toBe(50);
    expect(progressPercent({ recordingId: 7, fromMs: 5, toMs: 5 }, 5)).toBe(100);
  });

  it('resumes where it was paused, and starts over when done or outside the clip', () => {
    const span = { recordingId: 7, fromMs: 10_000, toMs: 20_000 };
    expect(resumeFrom(span, null)).toBe(10_000);
    expect(resumeFrom(span, 14_000)).toBe(14_000);
    expect(resumeFrom(span, 20_000)).toBe(10_000);
    expect(resumeFrom(span, 3_000)).toBe(10_000);
    expect(reachedEnd(span, 19_990)).toBe(true);
    expect(reachedEnd(span, 19_000)).toBe(false);
  });
});

const point = (id: number, patch: Partial<TrendPoint> = {}): TrendPoint => ({
  evaluationId: id,
  interactionId: 100 + id,
  interactionTitle: `Call ${id}`,
  startedAt: `2026-11-${String(id).padStart(2, '0')}T09:00:00Z`,
  submittedAt: '2026-11-30T12:00:00Z',
  rubricName: 'Courtesy and competence',
  percent: 70 + id,
  result: 'pass',
  passMark: 80,
  sections: [
    { sectionId: 'courtesy', title: 'Courtesy', percent: 80 },
    { sectionId: 'competence', title: 'Competence', percent: 60 },
  ],
  ...patch,
});

describe('trend chart data', () => {
  it('keeps the last N evaluations, oldest first, with a value per section', () => {
    const trend = [1, 2, 3, 4, 5].map((id) => point(id));
    const { rows, sections } = trendChartData(trend, 3);
    expect(rows.map((row) => row.evaluationId)).toEqual([3, 4, 5]);
    expect(rows[0]).toMatchObject({ overall: 73, sections: { courtesy: 80, competence: 60 } });
    expect(sections).toEqual([
      { sectionId: 'courtesy', title: 'Courtesy' },
      { sectionId: 'competence', title: 'Competence' },
    ]);
  });

  it('places a point at the call, or at the submit when the call has no date', () => {
    const trend = [point(1, { startedAt: '2026-11-20T09:00:00Z' }), point(2, { startedAt: null })];
    const { rows } = trendChartData(trend, 10);
    // Call 2 has no date: it stands at its submit (30 Nov), after call 1 (20 Nov).
    expect(rows.map((row) => [row.evaluationId, row.at])).toEqual([
      [1, '2026-11-20T09:00:00Z'],
      [2, '2026-11-30T12:00:00Z'],
    ]);
  });

  it('orders by the date of the call, keeping the given order for equal dates', () => {
    const trend = [
      point(1, { startedAt: '2026-11-05T09:00:00Z' }),
      point(2, { startedAt: '2026-11-03T09:00:00Z' }),
      point(3, { startedAt: '2026-11-03T09:00:00Z' }),
    ];
    expect(trendChartData(trend, 10).rows.map((row) => row.evaluationId)).toEqual([2, 3, 1]);
  });

  it('takes section titles from the latest evaluation and lists sections of every rubric', () => {
    const trend = [
      point(1, { sections: [{ sectionId: 'courtesy', title: 'Höflichkeit', percent: 50 }] }),
      point(2, { sections: [{ sectionId: 'courtesy', title: 'Courtesy', percent: 90 }] }),
      point(3, { sections: [{ sectionId: 'opening', title: 'Opening', percent: null }] }),
    ];
    const { rows, sections } = trendChartData(trend, 10);
    expect(sections).toEqual([
      { sectionId: 'courtesy', title: 'Courtesy' },
      { sectionId: 'opening', title: 'Opening' },
    ]);
    expect(rows[2]!.sections).toEqual({ opening: null });
  });

  it('averages the overall scores, a critical fail counting as its 0', () => {
    const { rows } = trendChartData(
      [
        point(1, { percent: 80 }),
        point(2, { percent: 0, result: 'criticalFail' }),
        point(3, { percent: null }),
      ],
      10,
    );
    expect(meanOverall(rows)).toBe(40);
    expect(meanOverall([])).toBeNull();
  });

  it('counts passes, evaluations below target and critical fails in the window', () => {
    const { rows } = trendChartData(
      [
        point(1, { percent: 55, result: 'belowTarget' }),
        point(2, { percent: 0, result: 'criticalFail' }),
        point(3, { percent: 90 }),
        point(4, { percent: 70, result: 'belowTarget' }),
      ],
      10,
    );
    expect(outcomeCounts(rows)).toEqual({ pass: 1, belowTarget: 2, criticalFail: 1 });
    expect(outcomeCounts(rows.slice(0, 1))).toEqual({ pass: 0, belowTarget: 1, criticalFail: 0 });
  });

  it('draws the pass mark only when every evaluation shown shares it', () => {
    const same = trendChartData([point(1), point(2)], 10).rows;
    expect(sharedPassMark(same)).toBe(80);
    const mixed = trendChartData([point(1), point(2, { passMark: 70 })], 10).rows;
    expect(sharedPassMark(mixed)).toBeNull();
    expect(sharedPassMark([])).toBeNull();
  });

  it('reads the window from the URL, falling back for values not offered', () => {
    expect(windowFromSearch('20', 10)).toBe(20);
    expect(windowFromSearch('7', 10)).toBe(10);
    expect(windowFromSearch(null, 10)).toBe(10);
    expect(windowFromSearch('abc', 10)).toBe(10);
  });
});

const agentMoment = (id: number, tagIds: number[], exemplary = false): AgentMoment => ({
  ...linked({ id, tagIds }),
  interactionStartedAt: null,
  authorName: null,
  exemplary,
  createdAt: '2026-11-02T10:00:00Z',
});

describe('agent moments', () => {
  it('shows exemplary moments as praise and the rest as moments to work on', () => {
    const { wow, tagged } = splitMoments([
      agentMoment(1, [6], true),
      agentMoment(2, [1]),
      agentMoment(3, [1, 6], true),
    ]);
    expect(wow.map((m) => m.id)).toEqual([1, 3]);
    expect(tagged.map((m) => m.id)).toEqual([2]);
  });

  it('counts tags, most frequent first, and narrows by one', () => {
    const moments = [agentMoment(1, [2]), agentMoment(2, [1, 2]), agentMoment(3, [3])];
    expect(tagCounts(moments)).toEqual([
      { tagId: 2, count: 2 },
      { tagId: 1, count: 1 },
      { tagId: 3, count: 1 },
    ]);
    expect(withTag(moments, 2).map((m) => m.id)).toEqual([1, 2]);
    expect(withTag(moments, null)).toHaveLength(3);
  });
});

describe('day formatting', () => {
  it('reads a bare date as that calendar day in every language', () => {
    expect(formatDay('2026-11-02', 'en')).toBe('Nov 2, 2026');
    expect(formatDay('2026-11-02', 'de')).toBe('02.11.2026');
    expect(formatDay('2026-11-02', 'fi')).toBe('2.11.2026');
    expect(formatDay(null, 'en')).toBe('–');
    expect(formatShortDay('2026-11-02', 'en')).toBe('Nov 2');
    expect(formatShortDay('not a date', 'en')).toBe('');
  });
});

const wow = (id: number, agentName: string | null = 'Anna Berg'): WowMoment => ({
  ...agentMoment(id, [6], true),
  agentId: 1,
  agentName,
  teamName: 'Customer Care',
});

describe('reel editing', () => {
  it('adds a moment once, at the end', () => {
    const once = addMoment([wow(1)], wow(2));
    expect(once.map((m) => m.id)).toEqual([1, 2]);
    expect(addMoment(once, wow(1)).map((m) => m.id)).toEqual([1, 2]);
  });

  it('moves a moment up and down, and not past either end', () => {
    const reel = [wow(1), wow(2), wow(3)];
    expect(moveMoment(reel, 2, -1).map((m) => m.id)).toEqual([1, 3, 2]);
    expect(moveMoment(reel, 0, 1).map((m) => m.id)).toEqual([2, 1, 3]);
    expect(moveMoment(reel, 0, -1).map((m) => m.id)).toEqual([1, 2, 3]);
    expect(moveMoment(reel, 2, 1).map((m) => m.id)).toEqual([1, 2, 3]);
    expect(removeMoment(reel, 2).map((m) => m.id)).toEqual([1, 3]);
  });

  it('notices changed titles and orders, not trailing spaces', () => {
    const saved = { title: 'Team meeting', moments: [wow(1), wow(2)] };
    expect(hasChanges(saved, { ...saved, title: 'Team meeting ' })).toBe(false);
    expect(hasChanges(saved, { ...saved, title: 'Team meeting 2' })).toBe(true);
    expect(hasChanges(saved, { ...saved, moments: [wow(2), wow(1)] })).toBe(true);
    expect(hasChanges(saved, { ...saved, moments: [wow(1)] })).toBe(true);
    expect(reelPayload({ title: ' Wow ', moments: [wow(2), wow(1)] })).toEqual({
      title: 'Wow',
      momentIds: [2, 1],
    });
  });

  it('keeps the candidate filters in the URL and drops what is not valid', () => {
    const filters = filtersFromSearch(new URLSearchParams('agent=3&team=x&from=2026-11-01&to=soon'));
    expect(filters).toEqual({ agentId: 3, from: '2026-11-01' });
    expect(searchFromFilters(filters).toString()).toBe('agent=3&from=2026-11-01');
  });

  it('names everyone praised once, in order', () => {
    expect(
      praisedAgents([wow(1, 'Anna Berg'), wow(2, 'Jonas Weber'), wow(3, 'Anna Berg'), wow(4, null)]),
    ).toEqual(['Anna Berg', 'Jonas Weber']);
  });
});
