import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { LibraryItem } from '../../../shared/api';
import type { Neighbours } from '../../../shared/api/methods/review';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { NORDIC_CHATS, realFixtures, seedInteractions } from '../../support/search-fixtures';

let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  // Read only, never changed by a test: chats and calls with agents (names differing in case), and
  // durations on the calls only, so the sorts meet ties and missing values.
  const calls = realFixtures()
    .filter((item) => item.kind === 'call')
    .slice(0, 5);
  const ids = await seedInteractions(backend.database, [...NORDIC_CHATS, ...calls]);
  const q = backend.database.query;
  const agents = [];
  for (const name of ['bert Nieminen', 'Anna Berg', 'Carla Diaz'])
    agents.push((await q.insertInto('agents').values({ name }).returning('id').executeTakeFirstOrThrow()).id);
  for (const [n, id] of ids.entries()) {
    const isCall = n >= NORDIC_CHATS.length;
    await q
      .updateTable('interactions')
      .set({ agent_id: n % 4 === 3 ? null : agents[n % 3]!, duration_ms: isCall ? 60_000 * (n % 3) : null })
      .where('id', '=', id)
      .execute();
  }
}, 120_000);
afterAll(() => cleanup());

const list = (view: object) =>
  call<{ total: number; items: LibraryItem[] }>(backend, 'library.list', { ...view, limit: 500 });
const neighbours = (id: number, view: object) =>
  call<Neighbours>(backend, 'library.neighbours', { id, ...view });

/** Walks the whole view with next/previous and checks it against the list, item by item. */
async function expectSameOrderAsTheList(view: object) {
  const { items, total } = await list(view);
  expect(items.length).toBeGreaterThan(0);
  for (const [index, item] of items.entries()) {
    const around = await neighbours(item.id, view);
    expect(around.position).toBe(index + 1);
    expect(around.total).toBe(total);
    expect(around.previous?.id ?? null).toBe(items[index - 1]?.id ?? null);
    expect(around.next?.id ?? null).toBe(items[index + 1]?.id ?? null);
    if (around.next) expect(around.next.title).toBe(items[index + 1]!.title);
  }
}

describeEachEngine('next and previous interaction in a library view', () => {
  it('follow the default view, newest first', () => expectSameOrderAsTheList({}));
  it('follow a filtered view', () => expectSameOrderAsTheList({ filters: { kind: 'call' } }));
  it('follow a view sorted by duration, shortest first', () =>
    expectSameOrderAsTheList({ sort: 'duration', order: 'asc' }));
  it('follow a view sorted by agent name', () => expectSameOrderAsTheList({ sort: 'agent', order: 'asc' }));
  it('follow a search ranked by relevance', () => expectSameOrderAsTheList({ filters: { text: 'thank' } }));

  it('say so when the interaction is not in the view', async () => {
    const chat = (await list({ filters: { kind: 'chat' } })).items[0]!;
    const calls = await list({ filters: { kind: 'call' } });
    expect(await neighbours(chat.id, { filters: { kind: 'call' } })).toEqual({
      position: null,
      total: calls.total,
      previous: null,
      next: null,
    });
    expect(await neighbours(chat.id, { filters: { text: '!!!' } })).toMatchObject({
      position: null,
      total: 0,
    });
  });

  it('refuse a missing interaction and a malformed view', async () => {
    expect(await backend.dispatch('library.neighbours', { id: 99_999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const reply = await backend.dispatch('library.neighbours', { id: 1, filters: { from: 'yesterday' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/filters\.from/);
  });
});
