import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import {
  createMoment,
  deleteMoment,
  listMoments,
  undeleteMoment,
  updateMoment,
} from '../../../electron/backend/services/review/moments';
import { UNDO_WINDOW_MS } from '../../../electron/backend/services/review/deleted-moments';
import { methods, type ParsedParams } from '../../../shared/api';
import type { Moment, Tag } from '../../../shared/api/methods/review';
import { EarmarkError } from '../../../shared/errors';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { seedCall, seedChat, seedProfile } from './seed';

/**
 * Moments on either engine, through the services the handlers call: pinning, the author-only rule, and
 * undo of a delete bringing back the same moment (same id, on PostgreSQL's identity column too) with its
 * tags and links. The writes are given the author the dispatch would pass; the last test goes through
 * the dispatch, which finds the acting profile itself.
 */
let backend: Backend;
let cleanup: () => Promise<void>;
let tags: Tag[];
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  tags = await call<Tag[]>(backend, 'tag.list');
});
afterAll(() => cleanup());

const tag = (builtin: string) => tags.find((t) => t.builtin === builtin)!.id;
const create = (params: object, author: number | null = null) =>
  createMoment(
    backend.database,
    methods['moment.create'].params.parse(params) as ParsedParams<'moment.create'>,
    author,
  );
const update = (params: object, actor: number | null = null) =>
  updateMoment(
    backend.database,
    methods['moment.update'].params.parse(params) as ParsedParams<'moment.update'>,
    actor,
  );
async function refusal(work: Promise<unknown>): Promise<EarmarkError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof EarmarkError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describeEachEngine('moments', (engine) => {
  it('pins a point, a range and a transcript turn, and lists them in the order they happen', async () => {
    const { interactionId, recordingId, segments } = await seedCall(backend.database);
    const range = await create({
      interactionId,
      startMs: 12_000,
      endMs: 15_500,
      comment: 'Offers two options',
      tagIds: [tag('exemplary'), tag('rude')],
    });
    expect(range).toMatchObject({
      startMs: 12_000,
      endMs: 15_500,
      turnSeq: null,
      tagIds: [tag('rude'), tag('exemplary')].sort((a, b) => a - b),
      authorId: null,
    });
    const point = await create({ interactionId, startMs: 2_000 });
    const turn = segments.find((s) => s.startMs! > 2_000 && s.endMs! < 12_000)!;
    const onTurn = await create({
      interactionId,
      startMs: turn.startMs,
      endMs: turn.endMs,
      turnSeq: turn.seq,
    });
    const sameTimeNoTurn = await create({ interactionId, startMs: turn.startMs });
    const listed = await listMoments(backend.database.query, interactionId);
    expect(listed.map((m) => m.id)).toEqual([point.id, sameTimeNoTurn.id, onTurn.id, range.id]);
    expect(await call(backend, 'moment.list', { interactionId })).toEqual(listed);
    // The review workspace opens the same call: its recording and transcript, as stored.
    expect(await call(backend, 'interaction.get', { id: interactionId })).toMatchObject({
      recording: { id: recordingId, channels: 2, channelRoles: ['agent', 'customer'], hasPeaks: true },
      segments,
    });
  });

  it('pins a moment to a chat turn, which has no time, and orders chat moments by turn', async () => {
    const chat = await seedChat(backend.database);
    const later = await create({ interactionId: chat, turnSeq: 2, comment: 'Friendly' });
    const earlier = await create({ interactionId: chat, turnSeq: 0 });
    expect(later).toMatchObject({ startMs: null, endMs: null, turnSeq: 2 });
    expect((await listMoments(backend.database.query, chat)).map((m) => m.id)).toEqual([
      earlier.id,
      later.id,
    ]);
  });

  it('saves the comment as typed, replaces the tags and moves the range', async () => {
    const { interactionId } = await seedCall(backend.database);
    const moment = await create({ interactionId, startMs: 20_000 });
    for (const comment of ['T', 'Th', 'Thanks the customer', ''])
      expect((await update({ id: moment.id, comment })).comment).toBe(comment);
    expect((await update({ id: moment.id, tagIds: [tag('rude')] })).tagIds).toEqual([tag('rude')]);
    expect(await update({ id: moment.id, startMs: 19_000, endMs: 21_000 })).toMatchObject({
      startMs: 19_000,
      endMs: 21_000,
      tagIds: [tag('rude')],
    });
    expect((await update({ id: moment.id, endMs: null })).endMs).toBeNull();
  });

  it('refuses unknown tags, a missing turn, a time past the end and a missing interaction, writing nothing', async () => {
    const { interactionId, durationMs } = await seedCall(backend.database);
    expect(await refusal(create({ interactionId, startMs: 1, tagIds: [tag('rude'), 99_999] }))).toMatchObject(
      {
        code: 'invalid_params',
        message: expect.stringMatching(/tagIds.*99999/),
      },
    );
    expect(await refusal(create({ interactionId, turnSeq: 500, startMs: 1 }))).toMatchObject({
      message: expect.stringMatching(/turnSeq/),
    });
    expect(await refusal(create({ interactionId, startMs: durationMs + 60_000 }))).toMatchObject({
      code: 'invalid_params',
    });
    expect(await refusal(create({ interactionId: 424_242, startMs: 0 }))).toMatchObject({
      code: 'not_found',
    });
    expect(await listMoments(backend.database.query, interactionId)).toEqual([]);
    expect(await refusal(update({ id: 987_654, comment: 'x' }))).toMatchObject({ code: 'not_found' });
  });

  it("lets only a moment's author change, delete or bring it back, naming them", async () => {
    const { interactionId } = await seedCall(backend.database);
    const mia = await seedProfile(backend.database, `Mia ${engine}`);
    const otto = await seedProfile(backend.database, `Otto ${engine}`);
    const mine = await create({ interactionId, startMs: 3_000, comment: 'Mine' }, mia);
    expect(mine.authorId).toBe(mia);
    const byName = { code: 'not_allowed', message: expect.stringContaining(`pinned by Mia ${engine}`) };
    expect(await refusal(update({ id: mine.id, comment: 'Not yours' }, otto))).toMatchObject(byName);
    expect(await refusal(deleteMoment(backend.database, mine.id, otto))).toMatchObject(byName);
    expect(await refusal(deleteMoment(backend.database, mine.id, null))).toMatchObject(byName);
    await deleteMoment(backend.database, mine.id, mia);
    expect(await refusal(undeleteMoment(backend.database, mine.id, otto))).toMatchObject(byName);
    expect(await undeleteMoment(backend.database, mine.id, mia)).toEqual(mine);
    // Pinned before anybody chose a profile: open to whoever works at the workstation.
    const nobodys = await create({ interactionId, startMs: 4_000 });
    expect((await update({ id: nobodys.id, comment: 'Anyone' }, otto)).comment).toBe('Anyone');
  });

  it('brings a deleted moment back with the same id, its tags and its links', async () => {
    const { interactionId } = await seedCall(backend.database);
    const coach = await seedProfile(backend.database, `Coach ${engine}`);
    const moment = await create(
      {
        interactionId,
        startMs: 2_500,
        endMs: 6_000,
        comment: 'Calms the customer',
        tagIds: [tag('exemplary')],
      },
      coach,
    );
    const other = await create({ interactionId, startMs: 9_000 }, coach);
    const links = await seedLinks(coach, [other.id, moment.id]);

    expect(await deleteMoment(backend.database, moment.id, coach)).toEqual({ id: moment.id });
    expect((await listMoments(backend.database.query, interactionId)).map((m) => m.id)).toEqual([other.id]);
    expect(await linksOf(moment.id)).toEqual({ reels: [], sessions: [] });

    const restored = await undeleteMoment(backend.database, moment.id, coach);
    expect(restored).toEqual(moment);
    expect(await linksOf(moment.id)).toEqual({
      reels: [{ reel_id: links.reel, position: 1 }],
      sessions: [{ session_id: links.session, position: 1 }],
    });
    // Undone once; a second undo has nothing left to bring back.
    expect(await refusal(undeleteMoment(backend.database, moment.id, coach))).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining(`moment ${moment.id} cannot be brought back`),
    });
    // The id put back by hand never comes round again for a new moment.
    const next = await create({ interactionId, startMs: 7_000 }, coach);
    expect([moment.id, other.id]).not.toContain(next.id);
  });

  it(
    engine === 'postgres'
      ? 'keeps the id of the newest moment deleted: the identity never hands it out again'
      : 'gives the moment a new id when a newer moment took its old one',
    async () => {
      const { interactionId } = await seedCall(backend.database);
      const newest = await create({
        interactionId,
        startMs: 11_000,
        comment: 'Warm closing',
        tagIds: [tag('exemplary')],
      });
      await deleteMoment(backend.database, newest.id, null);
      const taker = await create({ interactionId, startMs: 12_000 });
      // SQLite hands out the highest id + 1, so the freed id goes to the next moment pinned.
      expect(taker.id === newest.id).toBe(engine === 'sqlite');
      const restored = await undeleteMoment(backend.database, newest.id, null);
      expect(restored.id === newest.id).toBe(engine === 'postgres');
      expect(restored).toMatchObject({
        startMs: 11_000,
        comment: 'Warm closing',
        tagIds: [tag('exemplary')],
      });
      expect(
        (await listMoments(backend.database.query, interactionId)).find((m) => m.id === taker.id),
      ).toMatchObject({ startMs: 12_000, comment: '' });
    },
  );

  it('forgets a deleted moment after the undo window', async () => {
    const { interactionId } = await seedCall(backend.database);
    const moment = await create({
      interactionId,
      startMs: 15_000,
      comment: 'Private remark about the caller',
    });
    await deleteMoment(backend.database, moment.id, null);
    const kept = () =>
      backend.database.query
        .selectFrom('deleted_moments')
        .select('moment_id')
        .where('moment_id', '=', moment.id)
        .execute();
    expect(await kept()).toHaveLength(1);
    const longAgo = new Date(Date.now() - UNDO_WINDOW_MS - 1000).toISOString();
    await backend.database.query
      .updateTable('deleted_moments')
      .set({ deleted_at: longAgo })
      .where('moment_id', '=', moment.id)
      .execute();
    expect(await refusal(undeleteMoment(backend.database, moment.id, null))).toMatchObject({
      code: 'not_found',
    });
    expect(await kept()).toEqual([]);
  });
});

describeEachEngine('moments through the dispatch', () => {
  it("are pinned in the acting profile's name and kept from everyone else", async () => {
    const { interactionId } = await seedCall(backend.database);
    const author = await call<{ id: number }>(backend, 'profile.create', {
      name: 'Paula Pinner',
      role: 'qa_supervisor',
    });
    const moment = await call<Moment>(backend, 'moment.create', {
      interactionId,
      startMs: 3_000,
      comment: 'Mine',
    });
    expect(moment.authorId).toBe(author.id);
    expect(await call(backend, 'moment.delete', { id: moment.id })).toEqual({ id: moment.id });
    expect(await call(backend, 'moment.restore', { id: moment.id })).toEqual(moment);
    await call(backend, 'profile.create', { name: 'Otto Other', role: 'team_lead' });
    const reply = await backend.dispatch('moment.update', { id: moment.id, comment: 'Not yours' });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'not_allowed', message: expect.stringContaining('Paula Pinner') },
    });
  });
});

/** A reel and a coaching session holding `momentIds` in that order, written as their services would. */
async function seedLinks(coach: number, momentIds: number[]): Promise<{ reel: number; session: number }> {
  const q = backend.database.query;
  const stamp = new Date().toISOString();
  const { id: reel } = await q
    .insertInto('reels')
    .values({ title: 'Team meeting', created_by: coach, created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: agent } = await q
    .insertInto('agents')
    .values({ name: `Agent ${reel}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: session } = await q
    .insertInto('coaching_sessions')
    .values({ agent_id: agent, coach_id: coach, held_on: '2026-11-09', created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  await q
    .insertInto('reel_moments')
    .values(momentIds.map((moment_id, position) => ({ reel_id: reel, moment_id, position })))
    .execute();
  await q
    .insertInto('coaching_moments')
    .values(momentIds.map((moment_id, position) => ({ session_id: session, moment_id, position })))
    .execute();
  return { reel, session };
}

async function linksOf(momentId: number) {
  const q = backend.database.query;
  return {
    reels: await q
      .selectFrom('reel_moments')
      .select(['reel_id', 'position'])
      .where('moment_id', '=', momentId)
      .execute(),
    sessions: await q
      .selectFrom('coaching_moments')
      .select(['session_id', 'position'])
      .where('moment_id', '=', momentId)
      .execute(),
  };
}
