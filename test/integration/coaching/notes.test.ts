import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { refused } from '../evaluations/fixture';
import { actAs, buildTeam, coachesOfTheirOwn, type Team } from './fixture';

/**
 * Notes on Lena's session with Anna Berg: shared ones every profile reads, private ones only their
 * author reads (encrypted, so they need a passphrase). Others do not even learn that they exist.
 */

const LENA_PASSPHRASE = 'lena keeps her notes';
const PEKKA_PASSPHRASE = 'pekka has his own too';

let backend: Backend;
let cleanup: () => Promise<void>;
let team: Team;

const notesOf = (sessionId: number) => call<CoachingNote[]>(backend, 'coaching.notes', { sessionId });
const rowOf = (id: number) =>
  backend.database.query
    .selectFrom('coaching_notes')
    .select(['body', 'nonce', 'ciphertext'])
    .where('id', '=', id)
    .executeTakeFirst();
const noteCount = async () =>
  (
    await backend.database.query
      .selectFrom('coaching_notes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const setPassphrase = (id: number, newPassphrase: string) =>
  call(backend, 'profile.setPassphrase', { id, newPassphrase });

// One database for the file; each test makes its own two coaches and sessions (scene below), so no
// test reads what another wrote and any order passes.
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  team = await buildTeam(backend);
});
afterAll(() => cleanup());

/**
 * A test's own Lena and Pekka (Lena acting), her session with Anna Berg and a quiet one with Jonas
 * Keller; `add` writes a note on the first session as whoever acts.
 */
async function scene() {
  const { lena, pekka } = await coachesOfTheirOwn(backend);
  const coaches = { ...team, lena, pekka };
  const session = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: team.agents['Anna Berg']!.id,
    heldOn: '2026-11-09',
  });
  const quietSession = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: team.agents['Jonas Keller']!.id,
    heldOn: '2026-11-10',
  });
  const add = (body: string, isPrivate: boolean) =>
    call<CoachingNote>(backend, 'coaching.noteAdd', { sessionId: session.id, body, private: isPrivate });
  return { world: coaches, lena, pekka, session, quietSession, add };
}

/** A scene with a shared note by Lena, one by Pekka, and Lena's private one (she has a passphrase). */
async function sceneWithNotes() {
  const at = await scene();
  const lenaShared = await at.add('Anna asked for a new headset.', false);
  await actAs(at.world, at.pekka);
  const pekkaShared = await at.add('Seen in the team meeting: good closing.', false);
  await actAs(at.world, at.lena);
  await setPassphrase(at.lena.id, LENA_PASSPHRASE);
  const lenaPrivate = await at.add('She is going through a divorce; go easy on the targets.', true);
  return { ...at, lenaShared, pekkaShared, lenaPrivate };
}

describeEachEngine('shared notes', () => {
  it('are written as the acting profile and read by everybody', async () => {
    const { world, lena, pekka, session, add } = await scene();
    const note = await add('Anna asked for a headset with a better microphone.', false);
    expect(note).toMatchObject({
      sessionId: session.id,
      author: { id: lena.id, name: lena.name, role: 'team_lead' },
      private: false,
      body: 'Anna asked for a headset with a better microphone.',
    });
    await actAs(world, pekka);
    expect(await notesOf(session.id)).toEqual([note]);
    expect(await call(backend, 'coaching.noteGet', { id: note.id })).toEqual(note);
  });

  it("can be changed and deleted by their author only, though others' can be read", async () => {
    const { world, lena, pekka, add } = await scene();
    const lenaShared = await add('Anna asked for a headset with a better microphone.', false);
    await actAs(world, pekka);
    const pekkaShared = await add('Seen in the team meeting: good closing.', false);
    await actAs(world, lena);
    expect(await call(backend, 'coaching.noteGet', { id: pekkaShared.id })).toEqual(pekkaShared);
    for (const [method, params] of [
      ['coaching.noteUpdate', { id: pekkaShared.id, body: 'Rewritten by Lena' }],
      ['coaching.noteDelete', { id: pekkaShared.id }],
    ] as const) {
      const error = await refused(backend, method, params);
      expect(error).toMatchObject({ code: 'not_allowed', message: expect.stringContaining(pekka.name) });
    }
    const updated = await call<CoachingNote>(backend, 'coaching.noteUpdate', {
      id: lenaShared.id,
      body: 'Anna asked for a new headset.',
    });
    expect(updated).toMatchObject({ body: 'Anna asked for a new headset.', private: false });
    expect(updated.updatedAt >= lenaShared.updatedAt).toBe(true);
    expect(await rowOf(updated.id)).toMatchObject({
      body: 'Anna asked for a new headset.',
      nonce: null,
      ciphertext: null,
    });
    expect(await call(backend, 'coaching.noteGet', { id: pekkaShared.id })).toEqual(pekkaShared);
  });
});

describeEachEngine('private notes', () => {
  it('need a passphrase on the profile: without one, nothing is written', async () => {
    const { session } = await scene();
    const before = await noteCount();
    const error = await refused(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: 'She is going through a divorce.',
      private: true,
    });
    expect(error.code).toBe('not_allowed');
    expect(error.message).toContain('passphrase');
    expect(error.message).not.toContain('divorce');
    expect(await noteCount()).toBe(before);
  });

  it('are stored as ciphertext only and read back by their author', async () => {
    const { lena, session, lenaShared, pekkaShared, lenaPrivate } = await sceneWithNotes();
    expect(lenaPrivate).toMatchObject({
      private: true,
      body: 'She is going through a divorce; go easy on the targets.',
      author: { id: lena.id },
    });
    const row = (await rowOf(lenaPrivate.id))!;
    expect(row.body).toBeNull();
    expect(row.nonce).toHaveLength(12);
    expect(row.ciphertext!.includes(Buffer.from('divorce'))).toBe(false);
    expect((await notesOf(session.id)).map((n) => [n.id, n.private])).toEqual([
      [lenaShared.id, false],
      [pekkaShared.id, false],
      [lenaPrivate.id, true],
    ]);
    expect(await call(backend, 'coaching.noteGet', { id: lenaPrivate.id })).toEqual(lenaPrivate);
  });

  it('are left out for everybody else without a trace, and refused to them', async () => {
    const { world, pekka, session, lenaShared, pekkaShared, lenaPrivate } = await sceneWithNotes();
    const before = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    await actAs(world, pekka);
    const seen = await notesOf(session.id);
    expect(seen.map((n) => n.id)).toEqual([lenaShared.id, pekkaShared.id]);
    expect(JSON.stringify(seen)).not.toContain('divorce');
    for (const [method, params] of [
      ['coaching.noteGet', { id: lenaPrivate.id }],
      ['coaching.noteUpdate', { id: lenaPrivate.id, body: 'Overwritten' }],
      ['coaching.noteDelete', { id: lenaPrivate.id }],
    ] as const) {
      const error = await refused(backend, method, params);
      expect([method, error.code]).toEqual([method, 'not_allowed']);
      expect(error.message).not.toContain('divorce');
    }
    expect(await rowOf(lenaPrivate.id)).toBeDefined();
    // The session itself does not give the note away either: not even its updatedAt moved.
    const read = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    expect(read.updatedAt).toBe(before.updatedAt);
  });

  it("another profile's private notes stay apart from one's own", async () => {
    const { world, lena, pekka, session, add, lenaShared, pekkaShared, lenaPrivate } = await sceneWithNotes();
    await actAs(world, pekka);
    await setPassphrase(pekka.id, PEKKA_PASSPHRASE);
    const pekkaPrivate = await add('My own reminder: ask about the training budget.', true);
    expect((await notesOf(session.id)).map((n) => n.id)).toEqual([
      lenaShared.id,
      pekkaShared.id,
      pekkaPrivate.id,
    ]);
    await actAs(world, lena, LENA_PASSPHRASE);
    expect((await notesOf(session.id)).map((n) => n.id)).toEqual([
      lenaShared.id,
      pekkaShared.id,
      lenaPrivate.id,
    ]);
  });

  it('ask a locked author for the passphrase instead of hiding their own notes', async () => {
    const { session, quietSession, lenaShared, lenaPrivate } = await sceneWithNotes();
    await call(backend, 'profile.lock');
    expect((await refused(backend, 'coaching.notes', { sessionId: session.id })).code).toBe('locked');
    expect((await refused(backend, 'coaching.noteGet', { id: lenaPrivate.id })).code).toBe('locked');
    expect(
      (await refused(backend, 'coaching.noteAdd', { sessionId: session.id, body: 'x', private: true })).code,
    ).toBe('locked');
    // Shared notes and the session stay readable; nobody can edit while locked.
    expect(await call(backend, 'coaching.noteGet', { id: lenaShared.id })).toEqual(lenaShared);
    expect((await call<CoachingSession>(backend, 'coaching.get', { id: session.id })).editable).toBe(false);
    // A session without any of her private notes lists as usual.
    expect(await notesOf(quietSession.id)).toEqual([]);
  });

  it('are sealed anew on every change and deleted by their author', async () => {
    const { lenaPrivate } = await sceneWithNotes();
    const before = (await rowOf(lenaPrivate.id))!;
    const updated = await call<CoachingNote>(backend, 'coaching.noteUpdate', {
      id: lenaPrivate.id,
      body: 'Update: things are better at home.',
    });
    expect(updated).toMatchObject({ private: true, body: 'Update: things are better at home.' });
    const after = (await rowOf(lenaPrivate.id))!;
    expect(after.body).toBeNull();
    expect(after.nonce!.equals(before.nonce!)).toBe(false);
    expect(await call(backend, 'coaching.noteDelete', { id: lenaPrivate.id })).toEqual({
      id: lenaPrivate.id,
    });
    expect(await rowOf(lenaPrivate.id)).toBeUndefined();
    expect((await refused(backend, 'coaching.noteGet', { id: lenaPrivate.id })).code).toBe('not_found');
  });

  it('are bound to their row: a ciphertext copied onto another note does not open', async () => {
    const { lena, add } = await scene();
    await setPassphrase(lena.id, LENA_PASSPHRASE);
    const first = await add('First private thought.', true);
    const second = await add('Second private thought.', true);
    const copied = (await rowOf(first.id))!;
    await backend.database.query
      .updateTable('coaching_notes')
      .set({ nonce: copied.nonce, ciphertext: copied.ciphertext })
      .where('id', '=', second.id)
      .execute();
    expect((await refused(backend, 'coaching.noteGet', { id: second.id })).code).toBe('tampered');
    expect(await call(backend, 'coaching.noteGet', { id: first.id })).toMatchObject({
      body: 'First private thought.',
    });
  });
});

describeEachEngine('refusals', () => {
  it('an unknown session or note', async () => {
    await scene();
    expect((await refused(backend, 'coaching.notes', { sessionId: 999_999 })).code).toBe('not_found');
    expect(
      (await refused(backend, 'coaching.noteAdd', { sessionId: 999_999, body: 'x', private: false })).message,
    ).toContain('sessionId');
    for (const method of ['coaching.noteGet', 'coaching.noteDelete']) {
      expect((await refused(backend, method, { id: 999_999 })).code).toBe('not_found');
    }
  });

  it('bad payloads, naming the field', async () => {
    const { pekka, session, add } = await scene();
    const shared = await add('Anna asked for a new headset.', false);
    const cases: Record<string, unknown>[] = [
      { sessionId: session.id, body: '   ', private: false },
      { sessionId: session.id, body: 'x'.repeat(20_001), private: false },
      { sessionId: session.id, body: 'x' },
      { sessionId: session.id, body: 'x', private: 'yes' },
      { sessionId: session.id, body: 'x', private: false, authorId: pekka.id },
    ];
    for (const params of cases)
      expect((await refused(backend, 'coaching.noteAdd', params)).code).toBe('invalid_params');
    expect((await refused(backend, 'coaching.noteUpdate', { id: shared.id, body: '' })).message).toContain(
      'body',
    );
  });
});
