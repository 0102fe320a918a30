import { describe, expect, it } from 'vitest';
import type { EvaluationSummary } from '../../../shared/api/methods/evaluations';
import { newestCallFirst } from '../../../renderer/src/features/coaching/agent-evaluations';
import {
  addDays,
  defaultDueDate,
  isOwnFocus,
  localIsoDate,
  noteFormState,
  ownFocusItem,
  ownFocusProblem,
  privateByDefault,
  rankFocusCandidates,
  sessionPermissions,
  sortActions,
  type ScoredItem,
} from '../../../renderer/src/features/coaching/coaching-logic';
import {
  listParams,
  openActionsParams,
  searchFromView,
  viewFromSearch,
} from '../../../renderer/src/features/coaching/coaching-url';
import { passphraseProblem } from '../../../renderer/src/features/profiles/passphrase-rules';

describe('coaching list filters in the URL', () => {
  const view = (query: string) => viewFromSearch(new URLSearchParams(query));

  it('reads mine, agent, coach and state, and ignores what is not a filter', () => {
    expect(view('mine=1&agent=3&state=planned')).toEqual({ mine: true, agentId: 3, state: 'planned' });
    expect(view('coach=7&state=closed')).toEqual({ mine: false, coachId: 7, state: 'closed' });
    expect(view('agent=abc&coach=-2&state=open&mine=yes')).toEqual({ mine: false });
    expect(view('')).toEqual({ mine: false });
  });

  it('writes back what it reads; "mine" replaces a chosen coach', () => {
    for (const query of ['mine=1&agent=3&state=planned', 'agent=4&coach=2', 'state=closed', ''])
      expect(searchFromView(view(query)).toString()).toBe(query);
    expect(searchFromView({ mine: true, coachId: 5 }).toString()).toBe('mine=1');
  });

  it('asks for the acting profile as coach when "mine", and for every coach without a profile', () => {
    expect(listParams({ mine: true, agentId: 3, state: 'planned' }, 9)).toEqual({
      agentId: 3,
      coachId: 9,
      state: 'planned',
    });
    expect(listParams({ mine: true }, null)).toEqual({});
    expect(listParams({ mine: false, coachId: 4 }, 9)).toEqual({ coachId: 4 });
    expect(openActionsParams({ mine: true, agentId: 3, state: 'closed' }, 9)).toEqual({
      agentId: 3,
      coachId: 9,
    });
  });
});

describe('dates', () => {
  it('writes the local calendar day and counts days across months and years', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(addDays('2026-01-30', 2)).toBe('2026-02-01');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across the daylight-saving change
  });

  it('makes a new action due by the follow-up when it lies ahead, else in two weeks', () => {
    expect(defaultDueDate('2026-05-20', '2026-05-01')).toBe('2026-05-20');
    expect(defaultDueDate('2026-04-20', '2026-05-01')).toBe('2026-05-15');
    expect(defaultDueDate(null, '2026-05-01')).toBe('2026-05-15');
  });
});

describe('actions', () => {
  const action = (id: number, dueOn: string, done = false, overdue = false) => ({
    id,
    dueOn,
    doneAt: done ? '2026-05-01T10:00:00Z' : null,
    overdue,
  });

  it('puts overdue first, then open ones by due date, done ones last', () => {
    const sorted = sortActions([
      action(1, '2026-06-01'),
      action(2, '2026-04-01', true),
      action(3, '2026-05-10'),
      action(4, '2026-04-20', false, true),
      action(5, '2026-05-10'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual([4, 3, 5, 1, 2]);
  });
});

describe('who may change a session', () => {
  it('lets only the coach change it, and a closed one only by ticking actions off', () => {
    expect(sessionPermissions({ editable: true, state: 'planned' })).toEqual({
      edit: true,
      tick: true,
      close: true,
      reopen: false,
    });
    expect(sessionPermissions({ editable: true, state: 'closed' })).toEqual({
      edit: false,
      tick: true,
      close: false,
      reopen: true,
    });
    expect(sessionPermissions({ editable: false, state: 'planned' })).toEqual({
      edit: false,
      tick: false,
      close: false,
      reopen: false,
    });
  });
});

describe('focus candidates', () => {
  const scored = (itemId: string, possible: number, earned: number, criticalFail = false): ScoredItem => ({
    itemId,
    title: itemId.toUpperCase(),
    sectionTitle: 'Courtesy',
    possible,
    earned,
    criticalFail,
  });

  it('ranks items by points lost over the evaluations, a failed critical item first, chosen ones left out', () => {
    const ranked = rankFocusCandidates(
      [
        scored('greeting', 1, 0),
        scored('empathy', 2, 1),
        scored('greeting', 1, 0),
        scored('polite', 1, 0, true),
        scored('closing', 1, 1),
        scored('hold', 0, 0),
        scored('empathy', 2, 2),
      ],
      [{ itemId: 'hold' }],
    );
    expect(ranked.map((item) => [item.itemId, item.lost, item.criticalFails])).toEqual([
      ['polite', 1, 1],
      ['greeting', 2, 0],
      ['empathy', 1, 0],
      ['closing', 0, 0],
    ]);
  });
});

describe("a focus in the coach's own words", () => {
  const chosen = [
    { itemId: 'greeting', title: 'Greeting and own name', sectionTitle: 'Courtesy' },
    { itemId: 'own:1', title: 'Keeping calm with angry callers', sectionTitle: null },
  ];

  it('is stored with an own: id, no section, and the words trimmed', () => {
    const item = ownFocusItem('  Asking before transferring ', 'abc-123');
    expect(item).toEqual({ itemId: 'own:abc-123', title: 'Asking before transferring', sectionTitle: null });
    expect(isOwnFocus(item)).toBe(true);
    expect(isOwnFocus(chosen[0]!)).toBe(false);
  });

  it('needs words, at most 300 characters, room in the focus and words not there already', () => {
    expect(ownFocusProblem('   ', chosen)).toBe('empty');
    expect(ownFocusProblem('x'.repeat(301), chosen)).toBe('long');
    expect(ownFocusProblem('keeping CALM with angry callers ', chosen)).toBe('duplicate');
    expect(ownFocusProblem('greeting and own name', chosen)).toBe('duplicate');
    expect(ownFocusProblem('Owning the problem', chosen)).toBeNull();
    const twenty = Array.from({ length: 20 }, (_, i) => ({ title: `Focus ${i}` }));
    expect(ownFocusProblem('One more', twenty)).toBe('full');
  });

  it('never hides a rubric item from the candidates, nor is taken for one', () => {
    const ranked = rankFocusCandidates(
      [
        {
          itemId: 'greeting',
          title: 'Greeting',
          sectionTitle: 'Courtesy',
          possible: 1,
          earned: 0,
          criticalFail: false,
        },
      ],
      [ownFocusItem('Greeting', 'x')],
    );
    expect(ranked.map((item) => item.itemId)).toEqual(['greeting']);
  });
});

describe('notes', () => {
  it('starts private for the coach and shared for everyone else', () => {
    expect(privateByDefault(true)).toBe(true);
    expect(privateByDefault(false)).toBe(false);
  });

  it('asks for a passphrase before a private note can be written, whatever was typed', () => {
    expect(noteFormState({ body: 'Tense call', private: true, hasPassphrase: false })).toBe(
      'needs-passphrase',
    );
    expect(noteFormState({ body: '', private: true, hasPassphrase: false })).toBe('needs-passphrase');
    expect(noteFormState({ body: '  ', private: true, hasPassphrase: true })).toBe('empty');
    expect(noteFormState({ body: 'Tense call', private: false, hasPassphrase: false })).toBe('ready');
    expect(noteFormState({ body: 'Tense call', private: true, hasPassphrase: true })).toBe('ready');
  });
});

describe("an agent's evaluations", () => {
  const evaluation = (id: number, startedAt: string | null, submittedAt: string | null) =>
    ({ id, startedAt, submittedAt }) as EvaluationSummary;

  it('come newest call first, by the submit time where the call has no time', () => {
    const all = [
      evaluation(1, '2026-01-02T09:00:00Z', null),
      evaluation(2, null, '2026-01-06T09:00:00Z'),
      evaluation(3, '2026-01-09T09:00:00Z', '2026-01-10T09:00:00Z'),
    ];
    expect(newestCallFirst(all).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(all.map((e) => e.id)).toEqual([1, 2, 3]);
  });
});

describe('a new passphrase', () => {
  it('needs eight characters, spaces counting, and the same twice', () => {
    expect(passphraseProblem('short', 'short')).toBe('short');
    expect(passphraseProblem('       x', '       x')).toBeNull();
    expect(passphraseProblem('correct horse', 'correct horse ')).toBe('mismatch');
    expect(passphraseProblem('x'.repeat(1025), 'x'.repeat(1025))).toBe('long');
  });
});
