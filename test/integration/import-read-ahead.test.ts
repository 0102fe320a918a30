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

let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ backend, cleanup } = await engineBackend()), 60_000);
afterAll(async () => {
  await cleanup();
  source.cleanup();
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
