import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { ActionItem, CoachingSession, CoachingSummary } from '../../../shared/api/methods/coaching';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { refused } from '../evaluations/fixture';
import { actAs, buildTeam, type Team } from './fixture';
import { TestClock } from '../../support/clock';

const clock = new TestClock('2026-11-20');

/** Action items: agreed in a session, followed up afterwards; "today" is pinned to 20 Nov 2026. */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: Team;
let lenas: CoachingSession;
let pekkas: CoachingSession;
const actions: Record<string, ActionItem> = {};

type OpenAction = ActionItem & { agent: { name: string }; coach: { name: string }; heldOn: string };
const add = (sessionId: number, text: string, dueOn: string, owner = 'agent') =>
  call<ActionItem>(backend, 'coaching.actionAdd', { sessionId, text, owner, dueOn });
const update = (params: Record<string, unknown>) =>
  call<ActionItem>(backend, 'coaching.actionUpdate', params);
const summary = async (id: number) =>
  (await call<CoachingSummary[]>(backend, 'coaching.list', {})).find((s) => s.id === id)!;
const open = (query: Record<string, unknown> = {}) =>
  call<OpenAction[]>(backend, 'coaching.openActions', query);

// Each test on a fresh backend on 20 November: Lena's session with Anna and its three actions (one
// overdue, one due today, one later), and Pekka's with Jonas, whose one action is long overdue.
beforeEach(async () => {
  clock.set('2026-11-20');
  ({ backend, cleanup } = await engineBackend({ clock }));
  world = await buildTeam(backend);
  lenas = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: world.agents['Anna Berg']!.id,
    heldOn: '2026-11-09',
  });
  await actAs(world, world.pekka);
  pekkas = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: world.agents['Jonas Keller']!.id,
    heldOn: '2026-10-26',
  });
  actions.jonas = await add(pekkas.id, 'Check the line test before escalating', '2026-11-01');
  await actAs(world, world.lena);
  actions.late = await add(lenas.id, 'Greet with your own name', '2026-11-19');
  actions.today = await add(lenas.id, 'Listen to two calls together', '2026-11-20', 'coach');
  actions.later = await add(lenas.id, 'Offer two options on every billing call', '2026-11-25');
});
afterEach(() => cleanup());

describeEachEngine('agreeing actions', () => {
  it('adds actions with owner and due date; overdue means open and due before today', async () => {
    expect(actions.late).toMatchObject({
      sessionId: lenas.id,
      text: 'Greet with your own name',
      owner: 'agent',
      dueOn: '2026-11-19',
      doneAt: null,
      overdue: true,
    });
    expect(actions.today).toMatchObject({ owner: 'coach', overdue: false });
    expect(actions.later!.overdue).toBe(false);
    const session = await call<CoachingSession>(backend, 'coaching.get', { id: lenas.id });
    expect(session.actions.map((a) => [a.text, a.overdue])).toEqual([
      ['Greet with your own name', true],
      ['Listen to two calls together', false],
      ['Offer two options on every billing call', false],
    ]);
    expect(await summary(lenas.id)).toMatchObject({
      actionCount: 3,
      openActionCount: 3,
      overdueActionCount: 1,
    });
  });

  it('follows today: the next day, the action due today is overdue too', async () => {
    clock.set('2026-11-21');
    expect((await summary(lenas.id)).overdueActionCount).toBe(2);
  });

  it('ticks an action off and back on', async () => {
    const done = await update({ id: actions.late!.id, done: true });
    expect(done.doneAt).not.toBeNull();
    expect(done.overdue).toBe(false);
    expect(await summary(lenas.id)).toMatchObject({
      actionCount: 3,
      openActionCount: 2,
      overdueActionCount: 0,
    });
    const again = await update({ id: actions.late!.id, done: true });
    expect(again.doneAt).toBe(done.doneAt);
    const undone = await update({ id: actions.late!.id, done: false });
    expect(undone).toMatchObject({ doneAt: null, overdue: true });
  });

  it('changes text, owner and due date', async () => {
    const changed = await update({
      id: actions.later!.id,
      text: 'Offer two options',
      owner: 'coach',
      dueOn: '2026-11-18',
    });
    expect(changed).toMatchObject({
      text: 'Offer two options',
      owner: 'coach',
      dueOn: '2026-11-18',
      overdue: true,
    });
  });

  it('refuses bad payloads naming the field', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'coaching.actionAdd',
        { sessionId: lenas.id, text: '  ', owner: 'agent', dueOn: '2026-12-01' },
        'invalid_params',
        'text',
      ],
      [
        'coaching.actionAdd',
        { sessionId: lenas.id, text: 'x', owner: 'manager', dueOn: '2026-12-01' },
        'invalid_params',
        'owner',
      ],
      [
        'coaching.actionAdd',
        { sessionId: lenas.id, text: 'x', owner: 'agent', dueOn: '2026-11-31' },
        'invalid_params',
        'dueOn',
      ],
      [
        'coaching.actionAdd',
        { sessionId: lenas.id, text: 'x'.repeat(1001), owner: 'agent', dueOn: '2026-12-01' },
        'invalid_params',
        'text',
      ],
      [
        'coaching.actionAdd',
        { sessionId: 999, text: 'x', owner: 'agent', dueOn: '2026-12-01' },
        'not_found',
        'sessionId',
      ],
      ['coaching.actionUpdate', { id: 999, done: true }, 'not_found', 'id'],
      ['coaching.actionUpdate', { id: actions.late!.id, done: 'yes' }, 'invalid_params', 'done'],
      ['coaching.actionUpdate', { id: actions.late!.id, dueOn: '2026-02-29' }, 'invalid_params', 'dueOn'],
      ['coaching.actionDelete', { id: 999 }, 'not_found', 'id'],
    ];
    for (const [method, params, code, field] of cases) {
      const error = await refused(backend, method, params);
      expect([method, error.code]).toEqual([method, code]);
      expect(error.message).toContain(field);
    }
    expect((await summary(lenas.id)).actionCount).toBe(3);
  });

  it('lets only the coach add, change, tick off or delete them', async () => {
    await actAs(world, world.pekka);
    for (const [method, params] of [
      ['coaching.actionAdd', { sessionId: lenas.id, text: 'x', owner: 'agent', dueOn: '2026-12-01' }],
      ['coaching.actionUpdate', { id: actions.late!.id, done: true }],
      ['coaching.actionDelete', { id: actions.late!.id }],
    ] as const) {
      expect((await refused(backend, method, params)).code).toBe('not_allowed');
    }
    await actAs(world, world.lena);
    expect((await call<CoachingSession>(backend, 'coaching.get', { id: lenas.id })).actions).toHaveLength(3);
  });
});

describeEachEngine('open actions across sessions', () => {
  it('lists overdue ones first, then by due date, with agent, coach and session day', async () => {
    const all = await open();
    expect(all.map((a) => [a.id, a.dueOn, a.overdue])).toEqual([
      [actions.jonas!.id, '2026-11-01', true],
      [actions.late!.id, '2026-11-19', true],
      [actions.today!.id, '2026-11-20', false],
      [actions.later!.id, '2026-11-25', false],
    ]);
    expect(all[0]).toMatchObject({
      agent: { name: 'Jonas Keller', teamName: 'Technical Support' },
      coach: { name: 'Pekka Niemi' },
      heldOn: '2026-10-26',
    });
  });

  it('filters by agent and by coach, and leaves out what is done', async () => {
    await update({ id: actions.today!.id, done: true });
    expect((await open({ coachId: world.lena.id })).map((a) => a.id)).toEqual([
      actions.late!.id,
      actions.later!.id,
    ]);
    expect((await open({ agentId: world.agents['Jonas Keller']!.id })).map((a) => a.id)).toEqual([
      actions.jonas!.id,
    ]);
    expect(await open({ agentId: world.agents['Mikko Laine']!.id })).toEqual([]);
  });
});

describeEachEngine('a closed session', () => {
  beforeEach(async () => {
    await call(backend, 'coaching.close', { id: lenas.id, outcome: 'Good talk.' });
  });

  it('keeps its actions as agreed, but they can still be ticked off', async () => {
    const ticked = await update({ id: actions.late!.id, done: true });
    expect(ticked.doneAt).not.toBeNull();
    // The whole item sent back unchanged is not a change.
    await update({ id: actions.late!.id, text: actions.late!.text, owner: 'agent', done: false });
    for (const [method, params] of [
      ['coaching.actionAdd', { sessionId: lenas.id, text: 'One more', owner: 'agent', dueOn: '2026-12-01' }],
      ['coaching.actionUpdate', { id: actions.late!.id, text: 'Reworded later' }],
      ['coaching.actionUpdate', { id: actions.late!.id, dueOn: '2026-12-24', done: true }],
      ['coaching.actionDelete', { id: actions.late!.id }],
    ] as const) {
      const error = await refused(backend, method, params);
      expect(error.code).toBe('conflict');
      expect(error.message).toContain('closed');
    }
    const session = await call<CoachingSession>(backend, 'coaching.get', { id: lenas.id });
    expect(session.actions.find((a) => a.id === actions.late!.id)).toMatchObject({
      text: 'Greet with your own name',
      dueOn: '2026-11-19',
      doneAt: null,
    });
  });

  it('after a reopen, actions can be deleted', async () => {
    await call(backend, 'coaching.reopen', { id: lenas.id });
    expect(await call(backend, 'coaching.actionDelete', { id: actions.late!.id })).toEqual({
      id: actions.late!.id,
    });
    expect((await summary(lenas.id)).actionCount).toBe(2);
    expect((await refused(backend, 'coaching.actionUpdate', { id: actions.late!.id, done: true })).code).toBe(
      'not_found',
    );
  });
});
