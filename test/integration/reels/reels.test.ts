import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { Moment } from '../../../shared/api/methods/review';
import type { Reel, ReelSummary, WowMoment } from '../../../shared/api/methods/reels';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { TestClock } from '../../support/clock';
import { refused } from '../evaluations/fixture';
import { ANNA_CALL, ANNA_CHAT, buildWorld, JONAS_CALL, pinMoment, type World } from '../coaching/fixture';

/**
 * Exemplary ("wow") moments on the demo calls and chats: Anna Berg's call (2 Nov, morning) and chat
 * (3 Nov), Jonas Keller's call (2 Nov, evening), Mikko Laine's chat (6 Nov); and one rude moment.
 * Every test starts from these on a fresh backend of the engine under test, so each runs alone and in
 * any order.
 */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let clock: TestClock;
const m: Record<string, Moment> = {};

const candidates = (query: Record<string, unknown> = {}) =>
  call<WowMoment[]>(backend, 'reel.candidates', query);
const ids = (moments: { id: number }[]) => moments.map((x) => x.id);
const reels = () => call<ReelSummary[]>(backend, 'reel.list');
/** The reel most tests start from: three wow moments, Jonas's call first. */
const createNovember = () =>
  call<Reel>(backend, 'reel.create', {
    title: '  November wow  ',
    momentIds: [m.jonasCall!.id, m.annaCall!.id, m.mikkoChat!.id],
  });

beforeEach(async () => {
  clock = new TestClock('2026-11-20T09:00:00Z');
  ({ backend, cleanup } = await engineBackend({ clock }));
  world = await buildWorld(backend, { demo: 'seed' });
  m.annaCall = await pinMoment(
    world,
    world.interactions[ANNA_CALL]!.id,
    { startMs: 1000 },
    ['exemplary'],
    'Lovely greeting',
  );
  m.jonasCall = await pinMoment(world, world.interactions[JONAS_CALL]!.id, { startMs: 2000 }, ['exemplary']);
  m.mikkoChat = await pinMoment(
    world,
    world.interactions['Question about cover and excess']!.id,
    { turnSeq: 0 },
    ['exemplary'],
  );
  m.annaChat = await pinMoment(world, world.interactions[ANNA_CHAT]!.id, { turnSeq: 1 }, [
    'exemplary',
    'long_silence',
  ]);
  m.rude = await pinMoment(world, world.interactions[ANNA_CALL]!.id, { startMs: 4000 }, ['rude']);
});
afterEach(() => cleanup());

describeEachEngine('reel.candidates', () => {
  it('lists exemplary moments newest first, with whose praise it is', async () => {
    const all = await candidates();
    expect(ids(all)).toEqual([m.mikkoChat!.id, m.annaChat!.id, m.jonasCall!.id, m.annaCall!.id]);
    expect(all[3]).toMatchObject({
      interactionTitle: ANNA_CALL,
      interactionKind: 'call',
      recordingId: world.interactions[ANNA_CALL]!.recording!.id,
      startMs: 1000,
      comment: 'Lovely greeting',
      exemplary: true,
      interactionStartedAt: '2026-11-02T09:14:00Z',
      agentId: world.agents['Anna Berg']!.id,
      agentName: 'Anna Berg',
      teamName: 'Customer Care',
    });
    expect(all[1]).toMatchObject({
      interactionKind: 'chat',
      recordingId: null,
      turnText: world.interactions[ANNA_CHAT]!.segments[1]!.text,
      tagIds: [world.tags.long_silence, world.tags.exemplary].sort((a, b) => a - b),
    });
  });

  it('filters by agent, team and day (inclusive)', async () => {
    const { id: support } = await backend.database.query
      .selectFrom('teams')
      .select('id')
      .where('name', '=', 'Technical Support')
      .executeTakeFirstOrThrow();
    expect(ids(await candidates({ agentId: world.agents['Anna Berg']!.id }))).toEqual([
      m.annaChat!.id,
      m.annaCall!.id,
    ]);
    expect(ids(await candidates({ teamId: support }))).toEqual([m.jonasCall!.id]);
    expect(ids(await candidates({ from: '2026-11-03' }))).toEqual([m.mikkoChat!.id, m.annaChat!.id]);
    expect(ids(await candidates({ to: '2026-11-02' }))).toEqual([m.jonasCall!.id, m.annaCall!.id]);
    expect(ids(await candidates({ from: '2026-11-03', to: '2026-11-03' }))).toEqual([m.annaChat!.id]);
    expect(await candidates({ agentId: world.agents['Mikko Laine']!.id, teamId: support })).toEqual([]);
  });

  it('refuses bad filters, naming them', async () => {
    expect((await refused(backend, 'reel.candidates', { from: '2026-11-31' })).message).toContain('from');
    expect(
      (await refused(backend, 'reel.candidates', { from: '2026-11-05', to: '2026-11-04' })).message,
    ).toContain('to');
    expect((await refused(backend, 'reel.candidates', { to: 'yesterday' })).message).toContain('to');
    expect((await refused(backend, 'reel.candidates', { agentId: -1 })).message).toContain('agentId');
  });
});

describeEachEngine('reels', () => {
  let november: Reel;
  beforeEach(async () => {
    november = await createNovember();
    clock.advance();
  });

  it('are created by the acting profile with the moments in the order given', async () => {
    await call(backend, 'reel.delete', { id: november.id });
    november = await createNovember();
    expect(november).toMatchObject({
      title: 'November wow',
      createdBy: { id: world.lena.id, name: 'Lena Fischer', role: 'team_lead' },
      momentCount: 3,
    });
    expect(ids(november.moments)).toEqual([m.jonasCall!.id, m.annaCall!.id, m.mikkoChat!.id]);
    expect(november.moments[0]).toMatchObject({ agentName: 'Jonas Keller', teamName: 'Technical Support' });
    expect(await call(backend, 'reel.get', { id: november.id })).toEqual(november);
  });

  it('only take exemplary moments, and a refused reel leaves nothing behind', async () => {
    const before = await reels();
    const error = await refused(backend, 'reel.create', {
      title: 'Mixed',
      momentIds: [m.annaCall!.id, m.rude!.id],
    });
    expect(error.code).toBe('invalid_params');
    expect(error.message).toContain(`momentIds[1]`);
    expect(error.message).toContain(`moment ${m.rude!.id}`);
    const missing = await refused(backend, 'reel.create', { title: 'Missing', momentIds: [9999] });
    expect(missing).toMatchObject({ code: 'not_found', message: expect.stringContaining('9999') });
    expect(await reels()).toEqual(before);
    const update = await refused(backend, 'reel.update', {
      id: november.id,
      title: 'Renamed',
      momentIds: [m.rude!.id],
    });
    expect(update.code).toBe('invalid_params');
    expect(await call(backend, 'reel.get', { id: november.id })).toEqual(november);
  });

  it('are reordered and renamed', async () => {
    const changed = await call<Reel>(backend, 'reel.update', {
      id: november.id,
      title: 'November highlights',
      momentIds: [m.mikkoChat!.id, m.jonasCall!.id],
    });
    expect(changed).toMatchObject({ title: 'November highlights', momentCount: 2 });
    expect(ids(changed.moments)).toEqual([m.mikkoChat!.id, m.jonasCall!.id]);
    const renamed = await call<Reel>(backend, 'reel.update', { id: november.id, title: 'November' });
    expect(ids(renamed.moments)).toEqual([m.mikkoChat!.id, m.jonasCall!.id]);
    expect(renamed.updatedAt > november.updatedAt).toBe(true);
  });

  it('saved by two people at once take turns: one list wins whole, neither save fails', async () => {
    const lists = [
      [m.annaCall!.id, m.mikkoChat!.id],
      [m.annaCall!.id, m.annaChat!.id, m.jonasCall!.id],
    ];
    const saved = await Promise.all(
      lists.map((momentIds) => call<Reel>(backend, 'reel.update', { id: november.id, momentIds })),
    );
    expect(saved.map((reel) => ids(reel.moments))).toEqual(lists);
    const final = await call<Reel>(backend, 'reel.get', { id: november.id });
    expect(lists).toContainEqual(ids(final.moments));
    expect(final.momentCount).toBe(final.moments.length);
  });

  it('keep a moment that lost its exemplary tag, but do not take it anew', async () => {
    await call(backend, 'moment.update', { id: m.jonasCall!.id, tagIds: [] });
    const kept = await call<Reel>(backend, 'reel.get', { id: november.id });
    expect(kept.moments.map((x) => [x.id, x.exemplary])).toEqual([
      [m.jonasCall!.id, false],
      [m.annaCall!.id, true],
      [m.mikkoChat!.id, true],
    ]);
    expect(ids(await candidates())).not.toContain(m.jonasCall!.id);
    const reordered = await call<Reel>(backend, 'reel.update', {
      id: november.id,
      momentIds: [m.mikkoChat!.id, m.annaCall!.id, m.jonasCall!.id],
    });
    expect(ids(reordered.moments)).toEqual([m.mikkoChat!.id, m.annaCall!.id, m.jonasCall!.id]);
    const error = await refused(backend, 'reel.create', { title: 'Again', momentIds: [m.jonasCall!.id] });
    expect(error.message).toContain(`moment ${m.jonasCall!.id}`);
  });

  it('are listed most recently changed first, and lose moments that are deleted', async () => {
    const team = await call<Reel>(backend, 'reel.create', {
      title: 'Team meeting',
      momentIds: [m.annaChat!.id],
    });
    expect((await reels()).map((r) => [r.title, r.momentCount])).toEqual([
      ['Team meeting', 1],
      ['November wow', 3],
    ]);
    clock.advance();
    await call(backend, 'moment.delete', { id: m.annaCall!.id });
    await call(backend, 'reel.update', { id: november.id, title: 'November (final)' });
    expect((await reels()).map((r) => [r.title, r.momentCount])).toEqual([
      ['November (final)', 2],
      ['Team meeting', 1],
    ]);
    expect(await call(backend, 'reel.delete', { id: team.id })).toEqual({ id: team.id });
    expect((await refused(backend, 'reel.get', { id: team.id })).code).toBe('not_found');
    expect((await refused(backend, 'reel.delete', { id: team.id })).code).toBe('not_found');
    expect((await refused(backend, 'reel.update', { id: team.id, title: 'x' })).code).toBe('not_found');
    expect((await reels()).map((r) => r.title)).toEqual(['November (final)']);
  });

  it('refuse malformed payloads, naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['reel.create', { title: '   ', momentIds: [] }, 'title'],
      ['reel.create', { title: 'x'.repeat(201), momentIds: [] }, 'title'],
      ['reel.create', { title: 'Twice', momentIds: [m.mikkoChat!.id, m.mikkoChat!.id] }, 'momentIds'],
      [
        'reel.create',
        { title: 'Too many', momentIds: Array.from({ length: 101 }, (_, i) => i + 1) },
        'momentIds',
      ],
      ['reel.create', { title: 'By someone else', momentIds: [], createdBy: world.pekka.id }, 'createdBy'],
      ['reel.update', { id: november.id, momentIds: 'all' }, 'momentIds'],
      ['reel.list', { all: true }, 'all'],
    ];
    for (const [method, params, field] of cases) {
      const error = await refused(backend, method, params);
      expect([method, error.code]).toEqual([method, 'invalid_params']);
      expect(error.message).toContain(field);
    }
  });

  it('need an unlocked profile to change, and can be read by anybody', async () => {
    await call(backend, 'profile.setPassphrase', { id: world.lena.id, newPassphrase: 'wow reels for all' });
    await call(backend, 'profile.lock');
    expect((await refused(backend, 'reel.create', { title: 'Locked out', momentIds: [] })).code).toBe(
      'locked',
    );
    expect((await refused(backend, 'reel.delete', { id: november.id })).code).toBe('locked');
    expect((await reels()).map((r) => r.title)).toEqual(['November wow']);
    expect((await call<Reel>(backend, 'reel.get', { id: november.id })).momentCount).toBe(3);
  });
});
