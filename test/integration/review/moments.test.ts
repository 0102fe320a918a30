import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Backend } from '../../../electron/backend/backend';
import { createBackend } from '../../../electron/backend/backend';
import type { InteractionDetail, LibraryItem } from '../../../shared/api';
import type { Moment, Tag } from '../../../shared/api/methods/review';
import { call } from '../../support/backend';
import { describeEachEngine, freshPostgresUrl, testEngine } from '../../support/engines';
import { resourcesDir, tempDir } from '../../support/paths';

/**
 * A backend on a fresh data folder (and database) with the demo loaded and no profile chosen yet; its
 * calls and chats in title order, and `open` to start the backend on the same folder again.
 */
async function demoFolder() {
  const data = tempDir();
  const databaseUrl = testEngine() === 'postgres' ? await freshPostgresUrl() : undefined;
  const open = () =>
    createBackend({
      dataDir: data.dir,
      resourcesDir,
      version: '0.0.0-test',
      log: () => {},
      ...(databaseUrl ? { databaseUrl } : {}),
    });
  const backend = await open();
  await call(backend, 'demo.load');
  const { items } = await call<{ items: LibraryItem[] }>(backend, 'library.list', {
    sort: 'title',
    order: 'asc',
  });
  const details = (kind: string) =>
    Promise.all(
      items
        .filter((item) => item.kind === kind)
        .map((item) => call<InteractionDetail>(backend, 'interaction.get', { id: item.id })),
    );
  const [calls, chats] = await Promise.all([details('call'), details('chat')]);
  return { backend, open, calls, chats, cleanup: data.cleanup };
}

/**
 * One data folder for the file: building it for every test made this one of the slowest files of the
 * suite. Every test writes moments of its own; the two that list an interaction's moments whole have
 * an interaction of their own (`listedCall`, `listedChat`), the others pin on `call1` and `chat`.
 */
let folder: Awaited<ReturnType<typeof demoFolder>>;
let backend: Backend;
let call1: InteractionDetail;
let chat: InteractionDetail;
let listedCall: InteractionDetail;
let listedChat: InteractionDetail;
let tags: Tag[];

beforeAll(async () => {
  folder = await demoFolder();
  ({ backend } = folder);
  // The listing test's times fall around the turns of the first call by title.
  [listedCall, call1] = folder.calls as [InteractionDetail, InteractionDetail];
  [listedChat, chat] = folder.chats as [InteractionDetail, InteractionDetail];
  tags = await call<Tag[]>(backend, 'tag.list');
});
afterAll(async () => {
  await backend.close();
  folder.cleanup();
});

const rude = () => tags.find((tag) => tag.builtin === 'rude')!.id;
const exemplary = () => tags.find((tag) => tag.builtin === 'exemplary')!.id;

/** Rows of `table` whose `column` is `id`. */
const rowsOf = async (
  table: 'moment_tags' | 'moments' | 'playback_positions',
  column: 'moment_id' | 'interaction_id',
  id: number,
) =>
  Number(
    (
      await backend.database.query
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where(sql.ref(column), '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function refused(method: string, params: unknown) {
  const reply = await backend.dispatch(method, params);
  expect(reply.ok, `${method} accepted ${JSON.stringify(params).slice(0, 200)}`).toBe(false);
  return reply.ok ? { code: '', message: '' } : reply.error;
}

describeEachEngine('moments', () => {
  it('pins a point, a range and a transcript turn, and lists them in the order they happen', async () => {
    const range = await call<Moment>(backend, 'moment.create', {
      interactionId: listedCall.id,
      startMs: 12_000,
      endMs: 15_500,
      comment: 'Offers two options',
      tagIds: [exemplary()],
    });
    expect(range).toMatchObject({
      startMs: 12_000,
      endMs: 15_500,
      turnSeq: null,
      tagIds: [exemplary()],
      authorId: null,
    });
    const point = await call<Moment>(backend, 'moment.create', {
      interactionId: listedCall.id,
      startMs: 2_000,
    });
    expect(point).toMatchObject({ endMs: null, comment: '', tagIds: [] });
    const turn = listedCall.segments[3]!;
    const onTurn = await call<Moment>(backend, 'moment.create', {
      interactionId: listedCall.id,
      startMs: turn.startMs!,
      endMs: turn.endMs!,
      turnSeq: turn.seq,
    });
    expect(onTurn.turnSeq).toBe(turn.seq);
    const listed = await call<Moment[]>(backend, 'moment.list', { interactionId: listedCall.id });
    expect(listed.map((m) => m.id)).toEqual([point.id, onTurn.id, range.id]);
  });

  it('pins a moment to a chat turn, which has no time', async () => {
    const moment = await call<Moment>(backend, 'moment.create', {
      interactionId: listedChat.id,
      turnSeq: 1,
      comment: 'Friendly',
    });
    expect(moment).toMatchObject({ startMs: null, endMs: null, turnSeq: 1 });
    expect(await call<Moment[]>(backend, 'moment.list', { interactionId: listedChat.id })).toHaveLength(1);
  });

  it('saves the comment as the reviewer types and replaces the tags', async () => {
    const moment = await call<Moment>(backend, 'moment.create', { interactionId: call1.id, startMs: 20_000 });
    let saved: Moment;
    for (const comment of ['T', 'Th', 'Thanks the customer', '']) {
      saved = await call<Moment>(backend, 'moment.update', { id: moment.id, comment });
      expect(saved.comment).toBe(comment);
    }
    saved = await call<Moment>(backend, 'moment.update', { id: moment.id, tagIds: [rude(), exemplary()] });
    expect(saved.tagIds.sort()).toEqual([rude(), exemplary()].sort());
    saved = await call<Moment>(backend, 'moment.update', { id: moment.id, tagIds: [rude()] });
    expect(saved.tagIds).toEqual([rude()]);
    saved = await call<Moment>(backend, 'moment.update', { id: moment.id, startMs: 19_000, endMs: 21_000 });
    expect(saved).toMatchObject({ startMs: 19_000, endMs: 21_000, tagIds: [rude()] });
    saved = await call<Moment>(backend, 'moment.update', { id: moment.id, endMs: null });
    expect(saved.endMs).toBeNull();
    expect(saved.updatedAt >= moment.updatedAt).toBe(true);
  });

  it('deletes a moment and its tag links', async () => {
    const moment = await call<Moment>(backend, 'moment.create', {
      interactionId: call1.id,
      startMs: 1_000,
      tagIds: [rude()],
    });
    expect(await call(backend, 'moment.delete', { id: moment.id })).toEqual({ id: moment.id });
    expect(
      (await call<Moment[]>(backend, 'moment.list', { interactionId: call1.id })).map((m) => m.id),
    ).not.toContain(moment.id);
    expect(await rowsOf('moment_tags', 'moment_id', moment.id)).toBe(0);
    expect(await refused('moment.delete', { id: moment.id })).toMatchObject({ code: 'not_found' });
  });

  it('keeps moments when the app is closed and opened again', async () => {
    const moment = await call<Moment>(backend, 'moment.create', {
      interactionId: call1.id,
      startMs: 5_000,
      comment: 'Written just before a crash',
    });
    await backend.close();
    backend = await folder.open();
    const listed = await call<Moment[]>(backend, 'moment.list', { interactionId: call1.id });
    expect(listed.find((m) => m.id === moment.id)?.comment).toBe('Written just before a crash');
  });
});

// A profile once chosen stays chosen, and the others' moments have no author: this one has its own folder.
describeEachEngine('moments by a reviewer', () => {
  let own: Awaited<ReturnType<typeof demoFolder>>;
  beforeAll(async () => {
    own = await demoFolder();
  });
  afterAll(async () => {
    await own.backend.close();
    own.cleanup();
  });

  it('records the acting profile as the author once one is chosen', async () => {
    const { backend, calls } = own;
    const reviewer = await call<{ id: number }>(backend, 'profile.create', {
      name: 'Mia Moments',
      role: 'qa_supervisor',
    });
    const moment = await call<Moment>(backend, 'moment.create', {
      interactionId: calls[0]!.id,
      startMs: 3_000,
    });
    expect(moment.authorId).toBe(reviewer.id);
    await call(backend, 'moment.delete', { id: moment.id });
  });
});

describeEachEngine('moments refuse bad payloads with a typed error naming the field', () => {
  it('an end before the start, on create and against the stored start on update', async () => {
    const created = await refused('moment.create', { interactionId: call1.id, startMs: 9_000, endMs: 8_000 });
    expect(created).toMatchObject({ code: 'invalid_params' });
    expect(created.message).toMatch(/endMs/);
    const moment = await call<Moment>(backend, 'moment.create', { interactionId: call1.id, startMs: 9_000 });
    const updated = await refused('moment.update', { id: moment.id, endMs: 8_000 });
    expect(updated).toMatchObject({ code: 'invalid_params' });
    expect(updated.message).toMatch(/endMs/);
  });

  it('an empty comment is fine, a 100 kB one is not', async () => {
    await call(backend, 'moment.create', { interactionId: call1.id, startMs: 100, comment: '' });
    const error = await refused('moment.create', {
      interactionId: call1.id,
      startMs: 100,
      comment: 'x'.repeat(100_000),
    });
    expect(error).toMatchObject({ code: 'invalid_params' });
    expect(error.message).toMatch(/comment/);
    const moment = await call<Moment>(backend, 'moment.create', { interactionId: call1.id, startMs: 100 });
    const update = await refused('moment.update', { id: moment.id, comment: 'y'.repeat(100_000) });
    expect(update.message).toMatch(/comment/);
  });

  it('unknown tag ids, without writing the moment', async () => {
    const before = await call<Moment[]>(backend, 'moment.list', { interactionId: call1.id });
    const error = await refused('moment.create', {
      interactionId: call1.id,
      startMs: 100,
      tagIds: [rude(), 99_999],
    });
    expect(error).toMatchObject({ code: 'invalid_params' });
    expect(error.message).toMatch(/tagIds.*99999/);
    expect(await call<Moment[]>(backend, 'moment.list', { interactionId: call1.id })).toHaveLength(
      before.length,
    );
    expect(
      (await refused('moment.create', { interactionId: call1.id, startMs: 1, tagIds: [rude(), rude()] }))
        .message,
    ).toMatch(/tagIds/);
  });

  it('moments on a missing interaction, a missing turn, or past the end of the recording', async () => {
    const missing = await refused('moment.create', { interactionId: 424_242, startMs: 0 });
    expect(missing).toMatchObject({ code: 'not_found' });
    expect(missing.message).toMatch(/interactionId/);
    expect(await refused('moment.list', { interactionId: 424_242 })).toMatchObject({ code: 'not_found' });
    const turn = await refused('moment.create', { interactionId: chat.id, turnSeq: 500 });
    expect(turn.message).toMatch(/turnSeq/);
    const late = await refused('moment.create', {
      interactionId: call1.id,
      startMs: call1.recording!.durationMs + 60_000,
    });
    expect(late).toMatchObject({ code: 'invalid_params' });
  });

  it('a moment with neither time nor turn, negative times, unknown fields', async () => {
    expect((await refused('moment.create', { interactionId: call1.id })).message).toMatch(/startMs/);
    expect((await refused('moment.create', { interactionId: call1.id, startMs: -5 })).message).toMatch(
      /startMs/,
    );
    expect((await refused('moment.create', { interactionId: call1.id, startMs: 1.5 })).message).toMatch(
      /startMs/,
    );
    expect((await refused('moment.update', { id: 1, author: 'me' })).code).toBe('invalid_params');
    expect((await refused('moment.update', { id: 987_654, comment: 'x' })).code).toBe('not_found');
  });
});

describeEachEngine('the moments schema', (engine) => {
  it('goes away with its interaction', async () => {
    const q = backend.database.query;
    const { id } = await q
      .insertInto('interactions')
      .values({ kind: 'chat', title: 'Temporary', source: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await q
      .insertInto('segments')
      .values({ interaction_id: id, seq: 0, speaker: 'customer', text: 'hi' })
      .execute();
    await q
      .insertInto('moments')
      .values({ interaction_id: id, turn_seq: 0, created_at: 'x', updated_at: 'x' })
      .execute();
    await q
      .insertInto('playback_positions')
      .values({ interaction_id: id, position_ms: 0, updated_at: 'x' })
      .execute();
    await q.deleteFrom('interactions').where('id', '=', id).execute();
    expect(await rowsOf('moments', 'interaction_id', id)).toBe(0);
    expect(await rowsOf('playback_positions', 'interaction_id', id)).toBe(0);
  });

  // SQLite's own planner; PostgreSQL's indexes are held equal by postgres/schema-parity.test.ts.
  it.runIf(engine === 'sqlite')("lists an interaction's moments through its index", () => {
    const plan = backend.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM moments WHERE interaction_id = ? ORDER BY start_ms')
      .all(1) as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX moments_interaction/);
  });

  it('refuses a half-formed moment even when written straight to the database', async () => {
    const insert = (start_ms: number | null, end_ms: number | null, turn_seq: number | null) =>
      backend.database.query
        .insertInto('moments')
        .values({ interaction_id: call1.id, start_ms, end_ms, turn_seq, created_at: 'x', updated_at: 'x' })
        .execute();
    // SQLite says "CHECK constraint failed", PostgreSQL "violates check constraint".
    await expect(insert(null, null, null)).rejects.toThrow(/check/i);
    await expect(insert(10, 5, null)).rejects.toThrow(/check/i);
    await expect(insert(null, 5, 1)).rejects.toThrow(/check/i);
  });
});
