import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { tsQuery, tsRank } from '../../../electron/backend/services/library-view';
import { toFtsQuery, toTsQuery } from '../../../electron/backend/services/search-query';
import { addSegments, segmentRows } from '../../../electron/backend/services/segments';
import { HIT_END, HIT_START, type LibraryItem } from '../../../shared/api';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';

let backend: Backend;
let cleanup: () => Promise<void>;
type Page = { total: number; items: LibraryItem[] };
const list = (params: object) => call<Page>(backend, 'library.list', params);

/**
 * A chat written straight into the database and the search index, as import does. Import refuses a
 * start time it cannot read; so does this, since one that slipped through would sort as text, not time.
 */
async function seedChat(
  backend: Backend,
  title: string,
  startedAt: string,
  turns: string[],
): Promise<number> {
  const time = new Date(startedAt);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== startedAt.replace(/Z$/, '.000Z')) {
    throw new Error(`${title}: the start time "${startedAt}" is not an ISO date and time (UTC)`);
  }
  const { database } = backend;
  return database.transaction(async (trx) => {
    const { id } = await trx
      .insertInto('interactions')
      .values({ kind: 'chat', title, source: 'test', started_at: startedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    const speaker = (n: number) => (n % 2 ? 'agent' : 'customer') as 'agent' | 'customer';
    await addSegments(
      database,
      trx,
      segmentRows(
        id,
        turns.map((text, n) => ({ speaker: speaker(n), startMs: null, endMs: null, sentAt: null, text })),
      ),
    );
    return id;
  });
}

const FILLER = [
  'please',
  'account',
  'invoice',
  'thanks',
  'waiting',
  'card',
  'today',
  'order',
  'help',
  'again',
];
const HOUR_MS = 3_600_000;
const tied: number[] = [];
let twoBest: number;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = (n: number) => Array.from({ length: n }, () => FILLER[Math.floor(random() * FILLER.length)]);
  // Sixty chats whose turns mention refunds more or less often, in turns of different lengths; their start
  // times run against their ids so newest-first and id order differ.
  for (let c = 0; c < 60; c++) {
    const turns = Array.from({ length: 8 }, () => {
      const text = words(2 + Math.floor(random() * 12));
      if (random() < 0.3)
        text.splice(Math.floor(random() * text.length), 0, random() < 0.5 ? 'refund' : 'refunded');
      return text.join(' ');
    });
    await seedChat(
      backend,
      `Chat ${c}`,
      // Twelve hours apart, from 30 March 22:00 back to 1 March 10:00.
      new Date(Date.UTC(2026, 2, 30, 22) - c * 12 * HOUR_MS).toISOString().replace('.000Z', 'Z'),
      turns,
    );
  }
  // Equally relevant chats: each has the same best turn, so only the tie-break orders them.
  for (let c = 0; c < 5; c++)
    tied.push(await seedChat(backend, `Tied ${c}`, '2026-02-01T09:00:00Z', ['Refund now', 'ok']));
  twoBest = await seedChat(backend, 'Two best turns', '2026-02-02T09:00:00Z', [
    'hello',
    'Refund now',
    'ok',
    'Refund now',
  ]);
});
afterAll(() => cleanup());

/**
 * What relevance order means, read straight off each engine's index (FTS5's bm25 rank, PostgreSQL's
 * ts_rank turned so that lower is better): best segment first, ties newest id first.
 */
async function expectedOrder(text: string): Promise<{ id: number; seq: number }[]> {
  type Row = { id: number; seq: number; rank: number };
  const q = backend.database.query;
  const { rows } =
    backend.database.engine === 'sqlite'
      ? await sql<Row>`SELECT s.interaction_id AS id, s.seq, f.rank FROM segments_fts f
          JOIN segments s ON s.id = f.rowid
          WHERE segments_fts MATCH ${toFtsQuery(text)} ORDER BY s.interaction_id, f.rank, s.seq`.execute(q)
      : await sql<Row>`SELECT s.interaction_id AS id, g.seq, ${tsRank(toTsQuery(text)!)} AS rank
          FROM segment_search s JOIN segments g ON g.id = s.segment_id
          WHERE s.search_document @@ ${tsQuery(toTsQuery(text)!)}
          ORDER BY s.interaction_id, rank, g.seq`.execute(q);
  const best = new Map<number, Row>();
  for (const row of rows) if (!best.has(row.id)) best.set(row.id, row);
  return [...best.values()].sort((a, b) => a.rank - b.rank || b.id - a.id);
}

async function allPages(params: object, size: number): Promise<Page> {
  const first = await list({ ...params, limit: size, offset: 0 });
  const items = [...first.items];
  for (let offset = size; offset < first.total; offset += size) {
    const page = await list({ ...params, limit: size, offset });
    expect(page.total).toBe(first.total);
    items.push(...page.items);
  }
  return { total: first.total, items };
}

describeEachEngine('ranked search', () => {
  it('orders interactions by their best segment, equally relevant ones newest first', async () => {
    const expected = await expectedOrder('refun');
    const page = await list({ filters: { text: 'refun' }, limit: 500 });
    expect(page.total).toBe(expected.length);
    expect(page.items.map((item) => item.id)).toEqual(expected.map((row) => row.id));
    expect(page.items.map((item) => item.hit?.seq)).toEqual(expected.map((row) => row.seq));
    const positions = tied.map((id) => page.items.findIndex((item) => item.id === id));
    expect(positions).toEqual([...positions].sort((a, b) => b - a)); // higher id first
  });

  it('gives pages that join up into the whole result, each with the same total', async () => {
    for (const params of [
      { filters: { text: 'refun' } },
      { filters: { text: 'refun' }, sort: 'startedAt' },
      { filters: { text: 'refunded' }, sort: 'title', order: 'asc' },
    ]) {
      const whole = await list({ ...params, limit: 500 });
      const paged = await allPages(params, 7);
      expect(paged.total).toBe(whole.total);
      expect(paged.items).toEqual(whole.items);
    }
  });

  it('finds the same interactions, with the same snippets, in any order', async () => {
    const ranked = await list({ filters: { text: 'refun' }, limit: 500 });
    const newest = await list({ filters: { text: 'refun' }, sort: 'startedAt', limit: 500 });
    expect(newest.total).toBe(ranked.total);
    const byId = (page: Page) => [...page.items].sort((a, b) => a.id - b.id);
    expect(byId(newest)).toEqual(byId(ranked));
    const started = newest.items.map((item) => item.startedAt!);
    expect(started).toEqual([...started].sort().reverse());
  });

  it('shows the snippet of the segment it names, the first of equally good ones', async () => {
    const page = await list({ filters: { text: 'refun' }, limit: 500 });
    const textAt = async (interactionId: number, seq: number) =>
      (
        await backend.database.query
          .selectFrom('segments')
          .select('text')
          .where('interaction_id', '=', interactionId)
          .where('seq', '=', seq)
          .executeTakeFirstOrThrow()
      ).text;
    for (const item of page.items) {
      const marked = item.hit!.snippet;
      expect(marked).toMatch(new RegExp(`${HIT_START}refund(ed)?${HIT_END}`, 'i'));
      const plain = marked.replaceAll(HIT_START, '').replaceAll(HIT_END, '').replace(/^…|…$/g, '');
      expect(await textAt(item.id, item.hit!.seq)).toContain(plain);
    }
    expect(page.items.find((item) => item.id === twoBest)!.hit!.seq).toBe(1);
  });

  it('counts only interactions the filters keep', async () => {
    const march = await list({ filters: { text: 'refun', from: '2026-03-01' }, limit: 500 });
    expect(march.total).toBe((await expectedOrder('refun')).length - tied.length - 1);
    expect(march.items.every((item) => item.startedAt!.startsWith('2026-03'))).toBe(true);
    const past = await list({ filters: { text: 'refun' }, limit: 10, offset: 1000 });
    expect(past).toEqual({ total: (await expectedOrder('refun')).length, items: [] });
  });
});
