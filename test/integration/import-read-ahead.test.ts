import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { describeEachEngine, engineBackend } from '../support/engines';
import { tempDir } from '../support/paths';

/**
 * On PostgreSQL the import worker reads and parses the next chat export while the server indexes the
 * one before. Read ahead or not, each file's outcome is its own: a broken file fails with its own
 * message, in its place, and the files around it are imported whole and searchable.
 */
const source = tempDir('earmark-read-ahead-');
const chat = (id: string, words: string[]) =>
  JSON.stringify(
    words.map((text, turn) => ({
      conversationId: id,
      sender: turn % 2 ? 'agent' : 'customer',
      timestamp: `2026-03-02T09:00:${String(turn).padStart(2, '0')}.000Z`,
      text,
    })),
  );
writeFileSync(join(source.dir, 'a-first.json'), chat('first', ['Hello there', 'Welcome, zebrafinch caller']));
// Looks like a chat export (the plan takes it), but its second message has no text.
writeFileSync(
  join(source.dir, 'b-broken.json'),
  JSON.stringify([
    { conversationId: 'broken', sender: 'customer', text: 'Hi' },
    { conversationId: 'broken', sender: 'agent' },
  ]),
);
writeFileSync(join(source.dir, 'c-third.json'), chat('third', ['Hi', 'Your quokkaparcel is on its way']));
writeFileSync(join(source.dir, 'd-fourth.json'), chat('fourth', ['Hei', 'Kiitos marsupilami']));

/**
 * On PostgreSQL chat exports are imported a few at once (import/lanes.ts). Files that hold the same chats,
 * or name the same new agent, still end as one after the other would: each chat and agent once.
 */
const together = tempDir('earmark-side-by-side-');
const message = (id: string, turn: number, text: string, agent: string) => ({
  conversationId: id,
  role: turn % 2 ? 'agent' : 'customer',
  sender: turn % 2 ? agent : 'Customer',
  timestamp: `2026-03-03T10:00:${String(turn).padStart(2, '0')}.000Z`,
  text,
});
const conversation = (id: string, agent: string, words: string[]) =>
  words.map((text, turn) => message(id, turn, text, agent));
const shared = [
  ...conversation('twice-1', 'Ada Nowak', ['Hello', 'Welcome to the kestrelbank line']),
  ...conversation('twice-2', 'Ada Nowak', ['Hi again', 'Your kestrelbank card', 'Thanks']),
];
writeFileSync(join(together.dir, 'e1-first.json'), JSON.stringify(shared));
writeFileSync(join(together.dir, 'e2-same.json'), JSON.stringify(shared));
writeFileSync(
  join(together.dir, 'e3-overlap.json'),
  JSON.stringify([...shared.slice(2), ...conversation('own-3', 'ada nowak', ['Moi', 'Kestrelbank kiittää'])]),
);
writeFileSync(
  join(together.dir, 'e4-other.json'),
  JSON.stringify(conversation('other-4', 'Bo Berg', ['Good day', 'Kestrelbank, Bo speaking'])),
);

let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ backend, cleanup } = await engineBackend()), 60_000);
afterAll(async () => {
  await cleanup();
  source.cleanup();
  together.cleanup();
});

describeEachEngine('chat exports read ahead', () => {
  it('gives each file its own outcome, a broken one in its place, and imports the rest whole', async () => {
    const { batchId } = await backend.imports.start({
      paths: [source.dir],
      pairLegs: false,
      roles: {},
      copyRecordings: false,
    });
    await backend.imports.wait(batchId);
    const { outcomes } = await backend.imports.status(batchId);
    expect(outcomes.map((o) => [o.file.split('/').pop(), o.outcome])).toEqual([
      ['a-first.json', 'imported'],
      ['b-broken.json', 'failed'],
      ['c-third.json', 'imported'],
      ['d-fourth.json', 'imported'],
    ]);
    expect(outcomes[1]!.message).toMatch(/b-broken\.json.*message 2.*has no text/);
    for (const [word, title] of [
      ['zebrafinch', 'Chat first'],
      ['quokkaparcel', 'Chat third'],
      ['marsupilami', 'Chat fourth'],
    ]) {
      const reply = await backend.dispatch('library.list', { filters: { text: word }, limit: 10 });
      if (!reply.ok) throw new Error(reply.error.message);
      const { items } = reply.value as { items: { title: string }[] };
      expect(items.map((item) => item.title)).toEqual([title]);
    }
  });
});

describeEachEngine('chat exports imported side by side', () => {
  it('imports the same chats and a new agent once, however many files hold them', async () => {
    const { batchId } = await backend.imports.start({
      paths: [together.dir],
      pairLegs: false,
      roles: {},
      copyRecordings: false,
    });
    await backend.imports.wait(batchId);
    const { outcomes } = await backend.imports.status(batchId);
    expect(outcomes.map((o) => [o.file.split('/').pop(), o.outcome, o.message])).toEqual([
      ['e1-first.json', 'imported', null],
      ['e2-same.json', 'skipped', 'All 2 chats in this file are already in the library.'],
      ['e3-overlap.json', 'imported', '1 of 2 chats were already in the library.'],
      ['e4-other.json', 'imported', null],
    ]);
    const q = backend.database.query;
    const chats = await q
      .selectFrom('interactions')
      .leftJoin('agents', 'agents.id', 'interactions.agent_id')
      .select(['interactions.id', 'interactions.external_id', 'agents.name as agent'])
      .where('interactions.external_id', 'in', ['twice-1', 'twice-2', 'own-3', 'other-4'])
      .orderBy('interactions.external_id')
      .execute();
    expect(chats.map((chat) => [chat.external_id, chat.agent])).toEqual([
      ['other-4', 'Bo Berg'],
      ['own-3', 'Ada Nowak'],
      ['twice-1', 'Ada Nowak'],
      ['twice-2', 'Ada Nowak'],
    ]);
    const segments = await q
      .selectFrom('segments')
      .select(['interaction_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'interaction_id',
        'in',
        chats.map((chat) => chat.id),
      )
      .groupBy('interaction_id')
      .orderBy('interaction_id')
      .execute();
    expect(Object.fromEntries(segments.map((row) => [row.interaction_id, Number(row.n)]))).toEqual(
      Object.fromEntries(
        chats.map((chat) => [
          chat.id,
          { 'twice-1': 2, 'twice-2': 3, 'own-3': 2, 'other-4': 2 }[chat.external_id!],
        ]),
      ),
    );
  });
});
