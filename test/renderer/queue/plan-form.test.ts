import { describe, expect, it } from 'vitest';
import { QueuePlanFilters } from '../../../shared/api/methods/queue';
import { blankPlan, payloadOf } from '../../../renderer/src/features/queue/plan-form';
import { currentWeek, weekFromSearch } from '../../../renderer/src/features/queue/queue-week';

describe('the plan form', () => {
  it('sends minutes as seconds, ids as numbers, and leaves empty filters empty', () => {
    const payload = payloadOf(
      {
        ...blankPlan,
        name: 'Weekly',
        reviewerIds: ['4', '7'],
        teamIds: ['2'],
        minMinutes: 1.5,
        maxMinutes: '',
      },
      null,
    );
    expect(payload).toMatchObject({ name: 'Weekly', per: 'agent', count: 3, reviewerIds: [4, 7] });
    expect(payload.filters).toMatchObject({ teamIds: [2], minDurationSeconds: 90, maxDurationSeconds: null });
    expect(QueuePlanFilters.safeParse(payload.filters).success).toBe(true);
    expect(payloadOf(blankPlan, 12).id).toBe(12);
  });

  it('reads the week from the address, else takes this week', () => {
    expect(weekFromSearch(new URLSearchParams('week=2026-W45'))).toBe('2026-W45');
    expect(weekFromSearch(new URLSearchParams('week=2026-W99'))).toBe(currentWeek());
    expect(currentWeek(new Date(2026, 10, 8, 23, 30))).toBe('2026-W45');
    expect(currentWeek(new Date(2026, 10, 9, 0, 30))).toBe('2026-W46');
  });
});
