import { describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { VersionedEdits, type Conflict } from '../../../renderer/src/app/conflict/versioned-edits';

type Patch = { talkingPoints?: string; outcome?: string };
interface Stored {
  talkingPoints: string;
  outcome: string;
  version: number;
  by: string;
}

/** A session as the backend keeps it: a change lands only on the stored version (the rule under test). */
function fakeBackend() {
  const stored: Stored = { talkingPoints: '', outcome: '', version: 1, by: 'Lena Fischer' };
  const sent: { change: Patch; version: number }[] = [];
  return {
    stored,
    sent,
    update: async (by: string, change: Patch, version: number) => {
      sent.push({ change, version });
      if (version !== stored.version)
        throw new EarmarkError('edit_conflict', `${stored.by} saved this session at 14:02; …`);
      Object.assign(stored, change, { version: stored.version + 1, by });
      return { ...stored };
    },
    load: async () => ({ value: { ...stored }, version: stored.version, savedBy: stored.by, savedAt: null }),
  };
}

function place(backend: ReturnType<typeof fakeBackend>, by: string) {
  const conflicts: (Conflict<Stored, Patch> | null)[] = [];
  const edits = new VersionedEdits<Stored, Patch>({
    version: backend.stored.version,
    load: backend.load,
    merge: (older, newer) => ({ ...older, ...newer }),
    onConflict: (conflict) => conflicts.push(conflict),
  });
  const save = (change: Patch) => edits.save(change, (patch, version) => backend.update(by, patch, version));
  return { edits, conflicts, save };
}

describe('two places saving one session from one version', () => {
  it('refuses the second, keeps its change and what is stored, and takes the saved version on success', async () => {
    const backend = fakeBackend();
    const room = place(backend, 'Lena Fischer');
    const desk = place(backend, 'Lena Fischer');
    await room.save({ talkingPoints: 'From the meeting room' });
    expect(room.edits.version).toBe(2);
    await expect(desk.save({ talkingPoints: 'From the desk' })).rejects.toMatchObject({
      code: 'edit_conflict',
    });
    expect(backend.stored.talkingPoints).toBe('From the meeting room');
    expect(desk.edits.conflict).toMatchObject({
      mine: { talkingPoints: 'From the desk' },
      theirs: { version: 2, savedBy: 'Lena Fischer', value: { talkingPoints: 'From the meeting room' } },
    });
    // The next save of the room goes on from the version it saved: no conflict with itself.
    await room.save({ outcome: 'Agreed' });
    expect(backend.stored).toMatchObject({ version: 3, outcome: 'Agreed' });
  });

  it('keeps every refused change until the choice, merged field by field', async () => {
    const backend = fakeBackend();
    const room = place(backend, 'Lena Fischer');
    const desk = place(backend, 'Lena Fischer');
    await room.save({ talkingPoints: 'Room' });
    await expect(desk.save({ talkingPoints: 'Desk 1' })).rejects.toThrow();
    await expect(desk.save({ outcome: 'Desk outcome' })).rejects.toThrow();
    await expect(desk.save({ talkingPoints: 'Desk 2' })).rejects.toThrow();
    expect(desk.edits.conflict?.mine).toEqual({ talkingPoints: 'Desk 2', outcome: 'Desk outcome' });
  });

  it('keep mine sends the kept change again on the stored version, overwriting theirs', async () => {
    const backend = fakeBackend();
    const room = place(backend, 'Lena Fischer');
    const desk = place(backend, 'Lena Fischer');
    await room.save({ talkingPoints: 'Room' });
    await expect(desk.save({ talkingPoints: 'Desk' })).rejects.toThrow();
    const mine = desk.edits.keepMine();
    expect(desk.edits.conflict).toBeNull();
    expect(desk.conflicts.at(-1)).toBeNull();
    await desk.save(mine);
    expect(backend.sent.at(-1)).toEqual({ change: { talkingPoints: 'Desk' }, version: 2 });
    expect(backend.stored).toMatchObject({ talkingPoints: 'Desk', version: 3 });
    // Now the room is the one behind.
    await expect(room.save({ talkingPoints: 'Room again' })).rejects.toMatchObject({ code: 'edit_conflict' });
  });

  it('see theirs gives the stored content and saves on from its version', async () => {
    const backend = fakeBackend();
    const room = place(backend, 'Lena Fischer');
    const desk = place(backend, 'Lena Fischer');
    await room.save({ talkingPoints: 'Room' });
    await expect(desk.save({ talkingPoints: 'Desk' })).rejects.toThrow();
    expect(desk.edits.seeTheirs()).toMatchObject({ talkingPoints: 'Room' });
    expect(backend.stored.talkingPoints).toBe('Room');
    await desk.save({ outcome: 'From the desk, after reading theirs' });
    expect(backend.stored).toMatchObject({ talkingPoints: 'Room', version: 3 });
  });

  it('lets any other failure through without holding a conflict', async () => {
    const backend = fakeBackend();
    const desk = place(backend, 'Lena Fischer');
    const failing = new EarmarkError('invalid_params', 'talkingPoints: too long');
    await expect(desk.edits.save({}, () => Promise.reject(failing))).rejects.toBe(failing);
    expect(desk.edits.conflict).toBeNull();
    expect(() => desk.edits.keepMine()).toThrow(/no conflict/);
  });
});
