import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Backend } from '../../../electron/backend/backend';
import type { ActionItem, CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import type { RubricDraft } from '../../../shared/api/methods/rubric-draft';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { call, callAs } from '../../support/backend';
import { TestClock } from '../../support/clock';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { refused, refusedAs, smallDraft } from '../evaluations/fixture';
import { actAs, buildTeam, type Team } from '../coaching/fixture';

/**
 * Two people, one thing: a rubric draft or a coaching session edited from two places. Each save names
 * the version it started from; a save from an older version writes nothing and is refused with
 * `edit_conflict` naming who saved when, and a save from the current version goes through.
 */

const clock = new TestClock('2026-11-20');
let backend: Backend;
let cleanup: () => Promise<void>;
let team: Team;

beforeEach(async () => {
  clock.set('2026-11-20');
  ({ backend, cleanup } = await engineBackend({ clock }));
  team = await buildTeam(backend);
});
afterEach(() => cleanup());

const named = (draft: RubricDraft, description: string): RubricDraft => ({ ...draft, description });

describeEachEngine('two places editing one rubric draft', (engine) => {
  let rubric: RubricDetail;
  beforeEach(async () => {
    rubric = await callAs<RubricDetail>(backend, team.maria.id, 'rubric.create', {
      name: 'Billing calls',
      language: 'en',
    });
  });

  it('reads the draft version, and a save from the current version counts it up', async () => {
    expect(rubric.draftVersion).toBe(0);
    const saved = await callAs<{ version: number }>(backend, team.maria.id, 'rubric.saveDraft', {
      id: rubric.id,
      draft: named(smallDraft(), 'first'),
      version: 0,
    });
    expect(saved.version).toBe(1);
    const read = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
    expect(read).toMatchObject({
      draftVersion: 1,
      draftChangedBy: { id: team.maria.id, name: 'Maria Lind' },
    });
    expect(read.draft?.description).toBe('first');
  });

  it('refuses the second of two saves from one version, naming who saved when; the first stays', async () => {
    clock.set('2026-11-20T14:02:00');
    await callAs(backend, team.maria.id, 'rubric.saveDraft', {
      id: rubric.id,
      draft: named(smallDraft(), "Maria's"),
      version: 0,
    });
    const error = await refusedAs(backend, team.lena.id, 'rubric.saveDraft', {
      id: rubric.id,
      draft: named(smallDraft(), "Lena's"),
      version: 0,
    });
    expect(error.code).toBe('edit_conflict');
    expect(error.message).toBe(
      'Maria Lind saved this draft at 14:02; your changes are kept here — reload to see theirs, or save again to overwrite them.',
    );
    const stored = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
    expect(stored.draft?.description).toBe("Maria's");
    expect(stored.draftVersion).toBe(1);

    // Keeping hers over Maria's: Lena saves again, on the version she has now read.
    const overwritten = await callAs<{ version: number }>(backend, team.lena.id, 'rubric.saveDraft', {
      id: rubric.id,
      draft: named(smallDraft(), "Lena's"),
      version: stored.draftVersion,
    });
    expect(overwritten.version).toBe(2);
    expect((await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id })).draft?.description).toBe(
      "Lena's",
    );
  });

  it('refuses a save from before the draft was published or discarded', async () => {
    const published = await callAs<RubricDetail>(backend, team.maria.id, 'rubric.publish', {
      id: rubric.id,
      draft: smallDraft(),
    });
    expect(published.draftVersion).toBe(1);
    const error = await refusedAs(backend, team.lena.id, 'rubric.saveDraft', {
      id: rubric.id,
      draft: named(smallDraft(), 'typed before the publish'),
      version: 0,
    });
    expect(error.code).toBe('edit_conflict');
    const stored = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
    expect(stored.draft).toBeNull();
    expect(stored.versions).toHaveLength(1);
  });

  it('of saves racing from one version, exactly one lands and the stored draft is its', async () => {
    await actAs(team, team.maria);
    for (let round = 0; round < 5; round++) {
      const { draftVersion } = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
      const replies = await Promise.all(
        ['a', 'b', 'c'].map((who) =>
          backend.dispatch('rubric.saveDraft', {
            id: rubric.id,
            draft: named(smallDraft(), `${who}${round}`),
            version: draftVersion,
          }),
        ),
      );
      const landed = replies.flatMap((reply, index) => (reply.ok ? [['a', 'b', 'c'][index]] : []));
      expect(landed).toHaveLength(1);
      for (const reply of replies) if (!reply.ok) expect(reply.error.code).toBe('edit_conflict');
      const stored = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
      expect(stored.draft?.description).toBe(`${landed[0]}${round}`);
      expect(stored.draftVersion).toBe(draftVersion + 1);
    }
  });

  if (engine === 'postgres') {
    it('a save waiting on another transaction that moves the version is refused once that commits', async () => {
      await actAs(team, team.maria);
      const database = backend.database;
      let waiting: Promise<Awaited<ReturnType<Backend['dispatch']>>> | null = null;
      await database.transaction(async (trx) => {
        // The other place's save, not committed yet: it holds the row.
        await trx
          .updateTable('rubrics')
          .set((eb) => ({
            draft: JSON.stringify(named(smallDraft(), 'theirs')),
            draft_version: eb('draft_version', '+', 1),
          }))
          .where('id', '=', rubric.id)
          .where('draft_version', '=', 0)
          .execute();
        waiting = backend.dispatch('rubric.saveDraft', {
          id: rubric.id,
          draft: named(smallDraft(), 'mine'),
          version: 0,
        });
        await waitForLockWait(backend);
      });
      const reply = await waiting!;
      expect(reply.ok ? 'saved' : reply.error.code).toBe('edit_conflict');
      const stored = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
      expect(stored.draft?.description).toBe('theirs');
    });
  }
});

describeEachEngine('two places editing one coaching session', (engine) => {
  let session: CoachingSession;
  beforeEach(async () => {
    await actAs(team, team.lena);
    session = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: team.agents['Anna Berg']!.id,
      heldOn: '2026-11-24',
    });
  });

  it('reads the version and who saved; a change on the current version counts it up', async () => {
    expect(session).toMatchObject({ version: 1, updatedBy: { id: team.lena.id, name: 'Lena Fischer' } });
    const changed = await call<CoachingSession>(backend, 'coaching.update', {
      id: session.id,
      version: 1,
      talkingPoints: 'Greeting first',
    });
    expect(changed).toMatchObject({ version: 2, talkingPoints: 'Greeting first' });
  });

  it('refuses the second of two changes from one version; the first stays, the refused writes nothing', async () => {
    clock.set('2026-11-20T09:15:00');
    await call(backend, 'coaching.update', {
      id: session.id,
      version: 1,
      talkingPoints: 'From the meeting room',
      focusItems: [{ itemId: 'greeting', title: 'Greeting', sectionTitle: null }],
    });
    const error = await refused(backend, 'coaching.update', {
      id: session.id,
      version: 1,
      talkingPoints: 'From the desk',
      focusItems: [{ itemId: 'polite', title: 'Polite tone', sectionTitle: null }],
      followUpOn: '2026-12-01',
    });
    expect(error.code).toBe('edit_conflict');
    expect(error.message).toBe(
      'Lena Fischer saved this session at 09:15; your changes are kept here — reload to see theirs, or save again to overwrite them.',
    );
    const stored = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    expect(stored).toMatchObject({
      version: 2,
      talkingPoints: 'From the meeting room',
      focusItems: [{ itemId: 'greeting' }],
      followUpOn: null,
    });
  });

  it('refuses a change from before the session was closed and reopened', async () => {
    await call(backend, 'coaching.close', { id: session.id });
    await call(backend, 'coaching.reopen', { id: session.id });
    const error = await refused(backend, 'coaching.update', {
      id: session.id,
      version: 1,
      outcome: 'typed before closing',
    });
    expect(error.code).toBe('edit_conflict');
    expect((await call<CoachingSession>(backend, 'coaching.get', { id: session.id })).outcome).toBe('');
  });

  it('of changes racing from one version, exactly one lands and the stored text is its', async () => {
    for (let round = 0; round < 5; round++) {
      const { version } = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
      const replies = await Promise.all(
        ['a', 'b', 'c'].map((who) =>
          backend.dispatch('coaching.update', { id: session.id, version, talkingPoints: `${who}${round}` }),
        ),
      );
      const landed = replies.flatMap((reply, index) => (reply.ok ? [['a', 'b', 'c'][index]] : []));
      expect(landed).toHaveLength(1);
      for (const reply of replies) if (!reply.ok) expect(reply.error.code).toBe('edit_conflict');
      const stored = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
      expect(stored).toMatchObject({ talkingPoints: `${landed[0]}${round}`, version: version + 1 });
    }
  });

  it('refuses an action item edited from an older version; ticking it off needs none', async () => {
    const action = await call<ActionItem>(backend, 'coaching.actionAdd', {
      sessionId: session.id,
      text: 'Greet with your own name',
      owner: 'agent',
      dueOn: '2026-12-01',
    });
    expect(action.version).toBe(1);
    clock.set('2026-11-20T10:30:00');
    const first = await call<ActionItem>(backend, 'coaching.actionUpdate', {
      id: action.id,
      text: 'Greet with your own name, every call',
      version: 1,
    });
    expect(first.version).toBe(2);
    const error = await refused(backend, 'coaching.actionUpdate', {
      id: action.id,
      text: 'Greet warmly',
      version: 1,
    });
    expect(error).toEqual({
      code: 'edit_conflict',
      message:
        'Lena Fischer saved this action item at 10:30; your changes are kept here — reload to see theirs, or save again to overwrite them.',
    });
    const ticked = await call<ActionItem>(backend, 'coaching.actionUpdate', { id: action.id, done: true });
    expect(ticked).toMatchObject({ text: 'Greet with your own name, every call', version: 3 });
    expect(ticked.doneAt).not.toBeNull();
  });

  it('refuses a shared note edited from an older version; the stored text is the first edit', async () => {
    const note = await call<CoachingNote>(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: 'Anna asked for more call examples.',
      private: false,
    });
    expect(note.version).toBe(1);
    clock.set('2026-11-20T11:45:00');
    await call(backend, 'coaching.noteUpdate', { id: note.id, body: 'Edited in the room', version: 1 });
    const error = await refused(backend, 'coaching.noteUpdate', {
      id: note.id,
      body: 'Edited at the desk',
      version: 1,
    });
    expect(error.code).toBe('edit_conflict');
    expect(error.message).toMatch(/^Lena Fischer saved this note at 11:45; /);
    const stored = await call<CoachingNote>(backend, 'coaching.noteGet', { id: note.id });
    expect(stored).toMatchObject({ body: 'Edited in the room', version: 2 });
    const overwritten = await call<CoachingNote>(backend, 'coaching.noteUpdate', {
      id: note.id,
      body: 'Edited at the desk',
      version: stored.version,
    });
    expect(overwritten).toMatchObject({ body: 'Edited at the desk', version: 3 });
  });

  if (engine === 'postgres') {
    it('a change waiting on another transaction that moves the version is refused once that commits', async () => {
      let waiting: Promise<Awaited<ReturnType<Backend['dispatch']>>> | null = null;
      await backend.database.transaction(async (trx) => {
        await trx
          .updateTable('coaching_sessions')
          .set((eb) => ({ talking_points: 'theirs', version: eb('version', '+', 1) }))
          .where('id', '=', session.id)
          .execute();
        waiting = backend.dispatch('coaching.update', { id: session.id, version: 1, talkingPoints: 'mine' });
        await waitForLockWait(backend);
      });
      const reply = await waiting!;
      expect(reply.ok ? 'saved' : reply.error.code).toBe('edit_conflict');
      expect((await call<CoachingSession>(backend, 'coaching.get', { id: session.id })).talkingPoints).toBe(
        'theirs',
      );
    });
  }
});

/** Until another connection of this database waits for a row lock (the racing save, blocked). */
async function waitForLockWait(backend: Backend): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(backend.database.query);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
