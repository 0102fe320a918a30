import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { CoachingSession } from '../../../shared/api/methods/coaching';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { TestClock } from '../../support/clock';
import { ANNA_CALL, buildWorld, pinMoment, submitEvaluation, type World } from '../coaching/fixture';

/**
 * The backend has one clock: whatever it stamps (profiles, rubric versions, evaluations and their audit,
 * moments, coaching, reels, mystery shops, deleted moments) comes from the clock createBackend was
 * given, so tests set time rather than sleep for it. Times that come from the data (when a call took
 * place, when a message was sent) are not the clock's and are left out.
 */
const FROM_THE_DATA = new Set(['started_at', 'sent_at', 'held_on', 'due_on', 'visited_at', 'applied_at']);
/**
 * Stamped by the database's own default and read by nothing: interactions (written by import workers,
 * threads the backend's clock does not reach) and the built-in tags (written by a migration).
 */
const DATABASE_DEFAULTS = new Set(['interactions.created_at', 'tags.created_at']);

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let tagId: number;
const clock = new TestClock('2031-05-06T07:08:09.000Z');

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend({ clock }));
  world = await buildWorld(backend);
  const callId = world.interactions[ANNA_CALL]!.id;
  clock.advance(1500);
  const moment = await pinMoment(world, callId, { startMs: 1000 }, ['exemplary'], 'Lovely greeting');
  ({ id: tagId } = await call<{ id: number }>(backend, 'tag.create', { name: 'Upsell' }));
  const doomed = await pinMoment(world, callId, { startMs: 2000 }, [], 'Deleted, kept for undo');
  await call(backend, 'moment.delete', { id: doomed.id });
  const evaluationId = await submitEvaluation(world, callId, { greeting: true, polite: true, knowledge: 2 });
  await call(backend, 'evaluation.reopen', { id: evaluationId, reason: 'Listened again' });
  const session = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: world.agents['Anna Berg']!.id,
    heldOn: '2031-05-06',
  });
  await call(backend, 'coaching.actionAdd', {
    sessionId: session.id,
    text: 'Greet with your name',
    owner: 'agent',
    dueOn: '2031-05-01',
  });
  await call(backend, 'reel.create', { title: 'May', momentIds: [moment.id] });
});
afterAll(() => cleanup());

/** Every non-null value of every `at` and `*_at` column the services write, by table and column. */
async function stamps(): Promise<{ where: string; value: string }[]> {
  const q = backend.database.query;
  const tables = (await q.introspection.getTables()).filter((table) => !table.isView);
  const found: { where: string; value: string }[] = [];
  for (const table of tables) {
    const columns = table.columns
      .map((column) => column.name)
      .filter((name) => (name === 'at' || name.endsWith('_at')) && !FROM_THE_DATA.has(name));
    for (const column of columns) {
      const { rows } = await sql<{ value: unknown }>`SELECT ${sql.ref(column)} AS value FROM ${sql.table(
        table.name,
      )} WHERE ${sql.ref(column)} IS NOT NULL`.execute(q);
      for (const row of rows) found.push({ where: `${table.name}.${column}`, value: String(row.value) });
    }
  }
  return found;
}

describeEachEngine("the backend's clock", () => {
  it('stamps every row the services write', async () => {
    const all = await stamps();
    const where = new Set(all.map((stamp) => stamp.where));
    for (const table of [
      'evaluations.updated_at',
      'evaluation_audit.at',
      'deleted_moments.deleted_at',
      'moments.created_at',
      'reels.created_at',
      'coaching_actions.created_at',
    ])
      expect(where, table).toContain(table);
    const fromClock = all.filter((stamp) => !DATABASE_DEFAULTS.has(stamp.where));
    const tagged = (
      await backend.database.query
        .selectFrom('tags')
        .select('created_at')
        .where('id', '=', tagId)
        .executeTakeFirstOrThrow()
    ).created_at;
    expect(tagged).toBe('2031-05-06T07:08:10.500Z');
    expect(fromClock.filter((stamp) => !stamp.value.startsWith('2031-05-06T07:'))).toEqual([]);
  });

  it("decides what is overdue by the clock's day", async () => {
    const [action] = await call<{ overdue: boolean }[]>(backend, 'coaching.openActions', {});
    expect(action!.overdue).toBe(true);
  });
});
