import { describe, expect, it } from 'vitest';
import {
  assignmentProblems,
  fromLocalInput,
  patchOf,
  problemsOf,
  toLocalInput,
  valuesOf,
} from '../../../renderer/src/features/details/details-form';

const stored = {
  title: 'anruf 001',
  agentName: null,
  teamName: null,
  startedAt: '2026-11-13T13:05:42.000Z',
  direction: null,
  queue: 'Billing',
  customerRef: null,
  customerRating: null,
};

describe('the details form', () => {
  it('sends only what the user changed: an untouched start time is not rounded to the minute', () => {
    const initial = valuesOf(stored);
    expect(patchOf(initial, initial)).toEqual({});
    expect(patchOf(initial, { ...initial, agentName: ' Lena Vogel ', teamName: 'Werkstatt' })).toEqual({
      agentName: 'Lena Vogel',
      teamName: 'Werkstatt',
    });
    expect(patchOf(initial, { ...initial, queue: '  ', direction: 'outbound' })).toEqual({
      queue: null,
      direction: 'outbound',
    });
    // The customer's rating in one click; "not known" clears it.
    expect(patchOf(initial, { ...initial, customerRating: 'bad' })).toEqual({ customerRating: 'bad' });
    const rated = valuesOf({ ...stored, customerRating: 'good' });
    expect(rated.customerRating).toBe('good');
    expect(patchOf(rated, { ...rated, customerRating: '' })).toEqual({ customerRating: null });
  });

  it('sends the agent and the team together, and removing the agent removes the team', () => {
    const initial = valuesOf({ ...stored, agentName: 'Lena Vogel', teamName: 'Werkstatt' });
    expect(patchOf(initial, { ...initial, teamName: 'Kasse' })).toEqual({
      agentName: 'Lena Vogel',
      teamName: 'Kasse',
    });
    expect(patchOf(initial, { ...initial, agentName: '', teamName: '' })).toEqual({
      agentName: null,
      teamName: null,
    });
  });

  it('refuses an empty title, a team without an agent, a half-typed date and overlong names, by field', () => {
    const initial = valuesOf(stored);
    expect(problemsOf(initial)).toEqual({});
    expect(problemsOf({ ...initial, title: ' ', teamName: 'Werkstatt' }, true)).toEqual({
      title: 'titleEmpty',
      agentName: 'teamNeedsAgent',
      startedAt: 'startedIncomplete',
    });
    expect(problemsOf({ ...initial, agentName: 'x'.repeat(201) })).toEqual({ agentName: 'tooLong' });
  });

  it('requires the agent when assigning one to many interactions', () => {
    expect(assignmentProblems('  ', 'North')).toEqual({ agentName: 'agentEmpty' });
    expect(assignmentProblems('Lena Vogel', '')).toEqual({});
  });

  it('shows a stored time in local time and stores what was typed as UTC', () => {
    expect(fromLocalInput('2026-03-10T14:30')).toBe(new Date(2026, 2, 10, 14, 30).toISOString());
    expect(toLocalInput(fromLocalInput('2026-03-10T14:30'))).toBe('2026-03-10T14:30');
    expect(fromLocalInput('')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });
});
