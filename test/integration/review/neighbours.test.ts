import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { LibraryItem } from '../../../shared/api';
import type { Neighbours } from '../../../shared/api/methods/review';
import { call, testBackend } from '../../support/backend';

let backend: Backend;
let cleanup: () => void;
beforeAll(async () => {
  ({ backend, cleanup } = await testBackend());
  await call(backend, 'demo.load');
});
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

describe('next and previous interaction in a library view', () => {
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
