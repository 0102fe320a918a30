import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { createBackend } from '../../../electron/backend/backend';
import { UNDO_WINDOW_MS } from '../../../electron/backend/services/review/deleted-moments';
import type { CoachingSession } from '../../../shared/api/methods/coaching';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { Reel } from '../../../shared/api/methods/reels';
import type { Moment } from '../../../shared/api/methods/review';
import { call } from '../../support/backend';
import { describeEachEngine, freshPostgresUrl, testEngine } from '../../support/engines';
import { resourcesDir, tempDir } from '../../support/paths';
import { ANNA_CALL, buildWorld, pinMoment, submitEvaluation, type World } from '../coaching/fixture';
import { refused } from '../evaluations/fixture';
import { TestClock } from '../../support/clock';

/**
 * Undo of a moment's delete: the moment comes back as it was, with its comment, times, author and tags,
 * and still backs up the evaluation answer, sits in the coaching session and plays in the reel it was in.
 */

const data = tempDir();
const clock = new TestClock('2026-11-20T09:00:00Z');
let databaseUrl: string | undefined;
const open = () =>
  createBackend({
    dataDir: data.dir,
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
    clock,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
let backend: Backend;
let world: World;
let annaCall: number;

beforeAll(async () => {
  databaseUrl = testEngine() === 'postgres' ? await freshPostgresUrl() : undefined;
  backend = await open();
  world = await buildWorld(backend);
  annaCall = world.interactions[ANNA_CALL]!.id;
});
afterAll(async () => {
  await backend.close();
  data.cleanup();
});

const list = () => call<Moment[]>(backend, 'moment.list', { interactionId: annaCall });
/** Rows of `table` that name the moment. */
const linksOf = async (table: 'reel_moments' | 'deleted_moments', momentId: number) =>
  Number(
    (
      await backend.database.query
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('moment_id', '=', momentId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachEngine('moment.restore', (engine) => {
  it('brings a deleted moment back with its comment, tags and every link', async () => {
    const moment = await pinMoment(
      world,
      annaCall,
      { startMs: 3_000 },
      ['exemplary', 'long_silence'],
      'Calms the customer after the long wait',
    );
    await call(backend, 'moment.update', { id: moment.id, startMs: 2_500, endMs: 6_000 });
    const pinned = (await list()).find((m) => m.id === moment.id)!;
    const evaluationId = await submitEvaluation(world, annaCall, {
      greeting: false,
      polite: true,
      knowledge: 1,
      greetingMomentIds: [moment.id],
    });
    const session = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: world.agents['Anna Berg']!.id,
      heldOn: '2026-11-09',
      evaluationIds: [evaluationId],
      momentIds: [moment.id],
    });
    const other = await pinMoment(world, annaCall, { startMs: 9_000 }, ['exemplary']);
    const reel = await call<Reel>(backend, 'reel.create', {
      title: 'Team meeting',
      momentIds: [other.id, moment.id],
    });

    expect(await call(backend, 'moment.delete', { id: moment.id })).toEqual({ id: moment.id });
    expect((await list()).map((m) => m.id)).not.toContain(moment.id);
    const greeting = async () =>
      (await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluationId })).answers.find(
        (answer) => answer.itemId === 'greeting',
      )!.momentIds;
    expect(await greeting()).toEqual([]);

    const restored = await call<Moment>(backend, 'moment.restore', { id: moment.id });
    expect(restored).toEqual(pinned);
    expect((await list()).find((m) => m.id === moment.id)).toEqual(pinned);
    expect(await greeting()).toEqual([moment.id]);
    const sessionAfter = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    expect(sessionAfter.moments.map((m) => m.id)).toEqual(session.moments.map((m) => m.id));
    const reelAfter = await call<Reel>(backend, 'reel.get', { id: reel.id });
    expect(reelAfter.moments.map((m) => m.id)).toEqual([other.id, moment.id]);

    // Undone once; a second undo has nothing left to bring back.
    expect(await refused(backend, 'moment.restore', { id: moment.id })).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining(`moment ${moment.id} cannot be brought back`),
    });
  });

  // Only SQLite hands a freed id out again; PostgreSQL's identity column never does, so there the id is
  // always free to come back (moments-engines.test.ts).
  it.runIf(engine === 'sqlite')(
    'gives the moment a new id when a newer moment took its old one, links and all',
    async () => {
      const newest = await pinMoment(world, annaCall, { startMs: 11_000 }, ['exemplary'], 'Warm closing');
      const reel = await call<Reel>(backend, 'reel.create', { title: 'Closings', momentIds: [newest.id] });
      await call(backend, 'moment.delete', { id: newest.id });
      // SQLite hands out the highest id + 1: the freed id goes to the next moment pinned.
      const taker = await pinMoment(world, annaCall, { startMs: 12_000 });
      expect(taker.id).toBe(newest.id);

      const restored = await call<Moment>(backend, 'moment.restore', { id: newest.id });
      expect(restored.id).not.toBe(newest.id);
      expect(restored).toMatchObject({
        startMs: 11_000,
        comment: 'Warm closing',
        tagIds: [world.tags.exemplary],
      });
      expect((await call<Reel>(backend, 'reel.get', { id: reel.id })).moments.map((m) => m.id)).toEqual([
        restored.id,
      ]);
      expect((await list()).find((m) => m.id === taker.id)).toMatchObject({ startMs: 12_000, comment: '' });
    },
  );

  it('leaves out links to what was deleted meanwhile', async () => {
    const moment = await pinMoment(world, annaCall, { startMs: 13_000 }, ['exemplary']);
    const reel = await call<Reel>(backend, 'reel.create', { title: 'Short-lived', momentIds: [moment.id] });
    await call(backend, 'moment.delete', { id: moment.id });
    await call(backend, 'reel.delete', { id: reel.id });
    const restored = await call<Moment>(backend, 'moment.restore', { id: moment.id });
    expect(restored.id).toBe(moment.id);
    expect(await linksOf('reel_moments', moment.id)).toBe(0);
  });

  it('refuses a moment never deleted, and a malformed id, naming the field', async () => {
    const kept = await pinMoment(world, annaCall, { startMs: 14_000 });
    expect(await refused(backend, 'moment.restore', { id: kept.id })).toMatchObject({ code: 'not_found' });
    expect(await refused(backend, 'moment.restore', { id: -1 })).toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining('id'),
    });
  });

  it('forgets a deleted moment after the undo window, also across a restart', async () => {
    const moment = await pinMoment(
      world,
      annaCall,
      { startMs: 15_000 },
      [],
      'Private remark about the caller',
    );
    await call(backend, 'moment.delete', { id: moment.id });
    const stored = () => linksOf('deleted_moments', moment.id);
    expect(await stored()).toBe(1);
    clock.advance(UNDO_WINDOW_MS + 1000);

    await backend.close();
    backend = await open();
    world = { ...world, backend };
    expect(await stored()).toBe(0);
    expect(await refused(backend, 'moment.restore', { id: moment.id })).toMatchObject({ code: 'not_found' });
  });
});
