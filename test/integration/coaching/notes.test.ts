import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { refused } from '../evaluations/fixture';
import { actAs, buildTeam, type Team } from './fixture';

/**
 * Notes on Lena's session with Anna Berg: shared ones every profile reads, private ones only their
 * author reads (encrypted, so they need a passphrase). Others do not even learn that they exist.
 */

const LENA_PASSPHRASE = 'lena keeps her notes';
const PEKKA_PASSPHRASE = 'pekka has his own too';

let backend: Backend;
let cleanup: () => Promise<void>;
let world: Team;
let session: CoachingSession;
let quietSession: CoachingSession;
const notes: Record<string, CoachingNote> = {};

const notesOf = (sessionId = session.id) => call<CoachingNote[]>(backend, 'coaching.notes', { sessionId });
const add = (body: string, isPrivate: boolean) =>
  call<CoachingNote>(backend, 'coaching.noteAdd', { sessionId: session.id, body, private: isPrivate });
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

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildTeam(backend);
  session = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: world.agents['Anna Berg']!.id,
    heldOn: '2026-11-09',
  });
  quietSession = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: world.agents['Jonas Keller']!.id,
    heldOn: '2026-11-10',
  });
});
afterAll(() => cleanup());

describeEachEngine('shared notes', () => {
  it('are written as the acting profile and read by everybody', async () => {
    notes.lenaShared = await add('Anna asked for a headset with a better microphone.', false);
    expect(notes.lenaShared).toMatchObject({
      sessionId: session.id,
      author: { id: world.lena.id, name: 'Lena Fischer', role: 'team_lead' },
      private: false,
      body: 'Anna asked for a headset with a better microphone.',
    });
    await actAs(world, world.pekka);
    expect(await notesOf()).toEqual([notes.lenaShared]);
    expect(await call(backend, 'coaching.noteGet', { id: notes.lenaShared.id })).toEqual(notes.lenaShared);
  });

  it("can be changed and deleted by their author only, though others' can be read", async () => {
    notes.pekkaShared = await add('Seen in the team meeting: good closing.', false);
    await actAs(world, world.lena);
    expect(await call(backend, 'coaching.noteGet', { id: notes.pekkaShared.id })).toEqual(notes.pekkaShared);
    for (const [method, params] of [
      ['coaching.noteUpdate', { id: notes.pekkaShared.id, body: 'Rewritten by Lena' }],
      ['coaching.noteDelete', { id: notes.pekkaShared.id }],
    ] as const) {
      const error = await refused(backend, method, params);
      expect(error).toMatchObject({ code: 'not_allowed', message: expect.stringContaining('Pekka Niemi') });
    }
    const updated = await call<CoachingNote>(backend, 'coaching.noteUpdate', {
      id: notes.lenaShared!.id,
      body: 'Anna asked for a new headset.',
    });
    expect(updated).toMatchObject({ body: 'Anna asked for a new headset.', private: false });
    expect(updated.updatedAt >= notes.lenaShared!.updatedAt).toBe(true);
    notes.lenaShared = updated;
    expect(await rowOf(updated.id)).toMatchObject({
      body: 'Anna asked for a new headset.',
      nonce: null,
      ciphertext: null,
    });
  });
});

describeEachEngine('private notes', () => {
  it('need a passphrase on the profile: without one, nothing is written', async () => {
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
    await setPassphrase(world.lena.id, LENA_PASSPHRASE);
    notes.lenaPrivate = await add('She is going through a divorce; go easy on the targets.', true);
    expect(notes.lenaPrivate).toMatchObject({
      private: true,
      body: 'She is going through a divorce; go easy on the targets.',
      author: { id: world.lena.id },
    });
    const row = (await rowOf(notes.lenaPrivate.id))!;
    expect(row.body).toBeNull();
    expect(row.nonce).toHaveLength(12);
    expect(row.ciphertext!.includes(Buffer.from('divorce'))).toBe(false);
    expect((await notesOf()).map((n) => [n.id, n.private])).toEqual([
      [notes.lenaShared!.id, false],
      [notes.pekkaShared!.id, false],
      [notes.lenaPrivate.id, true],
    ]);
    expect(await call(backend, 'coaching.noteGet', { id: notes.lenaPrivate.id })).toEqual(notes.lenaPrivate);
  });

  it('are left out for everybody else without a trace, and refused to them', async () => {
    await actAs(world, world.pekka);
    const seen = await notesOf();
    expect(seen.map((n) => n.id)).toEqual([notes.lenaShared!.id, notes.pekkaShared!.id]);
    expect(JSON.stringify(seen)).not.toContain('divorce');
    for (const [method, params] of [
      ['coaching.noteGet', { id: notes.lenaPrivate!.id }],
      ['coaching.noteUpdate', { id: notes.lenaPrivate!.id, body: 'Overwritten' }],
      ['coaching.noteDelete', { id: notes.lenaPrivate!.id }],
    ] as const) {
      const error = await refused(backend, method, params);
      expect([method, error.code]).toEqual([method, 'not_allowed']);
      expect(error.message).not.toContain('divorce');
    }
    expect(await rowOf(notes.lenaPrivate!.id)).toBeDefined();
    // The session itself does not give the note away either: not even its updatedAt moved.
    const read = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    expect(read.updatedAt).toBe(session.updatedAt);
  });

  it("another profile's private notes stay apart from one's own", async () => {
    await setPassphrase(world.pekka.id, PEKKA_PASSPHRASE);
    notes.pekkaPrivate = await add('My own reminder: ask about the training budget.', true);
    expect((await notesOf()).map((n) => n.id)).toEqual([
      notes.lenaShared!.id,
      notes.pekkaShared!.id,
      notes.pekkaPrivate.id,
    ]);
    await actAs(world, world.lena, LENA_PASSPHRASE);
    expect((await notesOf()).map((n) => n.id)).toEqual([
      notes.lenaShared!.id,
      notes.pekkaShared!.id,
      notes.lenaPrivate!.id,
    ]);
  });

  it('ask a locked author for the passphrase instead of hiding their own notes', async () => {
    await call(backend, 'profile.lock');
    expect((await refused(backend, 'coaching.notes', { sessionId: session.id })).code).toBe('locked');
    expect((await refused(backend, 'coaching.noteGet', { id: notes.lenaPrivate!.id })).code).toBe('locked');
    expect(
      (await refused(backend, 'coaching.noteAdd', { sessionId: session.id, body: 'x', private: true })).code,
    ).toBe('locked');
    // Shared notes and the session stay readable; nobody can edit while locked.
    expect(await call(backend, 'coaching.noteGet', { id: notes.lenaShared!.id })).toEqual(notes.lenaShared);
    expect((await call<CoachingSession>(backend, 'coaching.get', { id: session.id })).editable).toBe(false);
    // A session without any of her private notes lists as usual.
    expect(await notesOf(quietSession.id)).toEqual([]);
    await actAs(world, world.lena, LENA_PASSPHRASE);
  });

  it('are sealed anew on every change and deleted by their author', async () => {
    const before = (await rowOf(notes.lenaPrivate!.id))!;
    const updated = await call<CoachingNote>(backend, 'coaching.noteUpdate', {
      id: notes.lenaPrivate!.id,
      body: 'Update: things are better at home.',
    });
    expect(updated).toMatchObject({ private: true, body: 'Update: things are better at home.' });
    const after = (await rowOf(notes.lenaPrivate!.id))!;
    expect(after.body).toBeNull();
    expect(after.nonce!.equals(before.nonce!)).toBe(false);
    expect(await call(backend, 'coaching.noteDelete', { id: notes.lenaPrivate!.id })).toEqual({
      id: notes.lenaPrivate!.id,
    });
    expect(await rowOf(notes.lenaPrivate!.id)).toBeUndefined();
    expect((await refused(backend, 'coaching.noteGet', { id: notes.lenaPrivate!.id })).code).toBe(
      'not_found',
    );
  });

  it('are bound to their row: a ciphertext copied onto another note does not open', async () => {
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
    await call(backend, 'coaching.noteDelete', { id: second.id });
  });
});

describeEachEngine('refusals', () => {
  it('an unknown session or note', async () => {
    expect((await refused(backend, 'coaching.notes', { sessionId: 999 })).code).toBe('not_found');
    expect(
      (await refused(backend, 'coaching.noteAdd', { sessionId: 999, body: 'x', private: false })).message,
    ).toContain('sessionId');
    for (const method of ['coaching.noteGet', 'coaching.noteDelete']) {
      expect((await refused(backend, method, { id: 999 })).code).toBe('not_found');
    }
  });

  it('bad payloads, naming the field', async () => {
    const cases: Record<string, unknown>[] = [
      { sessionId: session.id, body: '   ', private: false },
      { sessionId: session.id, body: 'x'.repeat(20_001), private: false },
      { sessionId: session.id, body: 'x' },
      { sessionId: session.id, body: 'x', private: 'yes' },
      { sessionId: session.id, body: 'x', private: false, authorId: world.pekka.id },
    ];
    for (const params of cases)
      expect((await refused(backend, 'coaching.noteAdd', params)).code).toBe('invalid_params');
    expect(
      (await refused(backend, 'coaching.noteUpdate', { id: notes.lenaShared!.id, body: '' })).message,
    ).toContain('body');
  });
});
