import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../support/engines';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { call } from '../../support/backend';
import { refused } from '../evaluations/fixture';
import {
  ANNA_PASSPHRASE,
  BOB_PASSPHRASE,
  create,
  list,
  select,
  setPassphrase,
  workstation,
  type Workstation,
} from './fixture';
import { systemClock } from '../../../electron/backend/clock';

/** Locking a profile with a passphrase: set, unlock, lock, wrong tries, idle lock, change, restart. */

let ws: Workstation;
let anna: ReviewerProfile;
let bob: ReviewerProfile;

beforeEach(async () => {
  ws = await workstation();
  bob = await create(ws.backend, 'Bob Quality', 'qa_supervisor');
  anna = await create(ws.backend, 'Anna Lead');
});
afterEach(async () => {
  // Whatever a test did, no passphrase may ever reach the log.
  expect(ws.logs.filter((line) => line.includes(ANNA_PASSPHRASE) || line.includes(BOB_PASSPHRASE))).toEqual(
    [],
  );
  await ws.close();
});

describeEachEngine('setting a passphrase', () => {
  it('marks the profile, keeps it unlocked and says how the key is kept', async () => {
    const before = await list(ws.backend);
    expect(before.profiles.every((p) => !p.hasPassphrase)).toBe(true);
    expect(before).toMatchObject({ currentId: anna.id, currentLocked: false });
    expect(before.keyProtection).toEqual({ kind: 'key-file', warning: null });

    const after = await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
    expect(after.profiles.find((p) => p.id === anna.id)!.hasPassphrase).toBe(true);
    expect(after.profiles.find((p) => p.id === bob.id)!.hasPassphrase).toBe(false);
    expect(after).toMatchObject({ currentId: anna.id, currentLocked: false });
    expect(ws.changes.at(-1)).toEqual({ currentId: anna.id, locked: false });
    expect(await ws.backend.profiles.actingProfileId()).toBe(anna.id);

    // Only the wrapped key is stored: nothing that reads like the passphrase.
    const row = (await ws.backend.database.query
      .selectFrom('profile_keys')
      .selectAll()
      .where('profile_id', '=', anna.id)
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    expect(JSON.parse(row['kdf_params'] as string)).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    expect((row['wrapped_key'] as Buffer).length).toBe(60);
    expect(JSON.stringify(row)).not.toContain('horse');
  });

  it('is only for the current profile, and needs the current passphrase to change it', async () => {
    expect(
      (await refused(ws.backend, 'profile.setPassphrase', { id: bob.id, newPassphrase: BOB_PASSPHRASE }))
        .code,
    ).toBe('not_allowed');
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
    const noCurrent = await refused(ws.backend, 'profile.setPassphrase', {
      id: anna.id,
      newPassphrase: BOB_PASSPHRASE,
    });
    expect(noCurrent.code).toBe('invalid_params');
    expect(noCurrent.message).toContain('currentPassphrase');
    const wrong = await refused(ws.backend, 'profile.setPassphrase', {
      id: anna.id,
      currentPassphrase: 'not the passphrase',
      newPassphrase: BOB_PASSPHRASE,
    });
    expect(wrong).toEqual({ code: 'not_allowed', message: 'The passphrase for Anna Lead is not right.' });
    // Locked, even the right current passphrase does not do: unlock first.
    await call(ws.backend, 'profile.lock');
    expect(
      (
        await refused(ws.backend, 'profile.setPassphrase', {
          id: anna.id,
          currentPassphrase: ANNA_PASSPHRASE,
          newPassphrase: BOB_PASSPHRASE,
        })
      ).code,
    ).toBe('locked');
  });

  it('refuses passphrases that are too short', async () => {
    expect(
      (await refused(ws.backend, 'profile.setPassphrase', { id: anna.id, newPassphrase: 'short' })).code,
    ).toBe('invalid_params');
  });
});

describeEachEngine('locking and unlocking', () => {
  beforeEach(async () => {
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
  });

  it('locks on request and unlocks with the passphrase', async () => {
    const locked = await call<{ currentId: number; currentLocked: boolean }>(ws.backend, 'profile.lock');
    expect(locked).toMatchObject({ currentId: anna.id, currentLocked: true });
    expect(ws.changes.at(-1)).toEqual({ currentId: anna.id, locked: true });
    await expect(ws.backend.profiles.actingProfileId()).rejects.toThrow(/Anna Lead is locked/);
    expect(await ws.backend.profiles.actingProfileIdOrNull()).toBeNull();

    const unlocked = await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    expect(unlocked).toMatchObject({ currentId: anna.id, currentLocked: false });
    expect(ws.changes.at(-1)).toEqual({ currentId: anna.id, locked: false });
    expect(await ws.backend.profiles.actingProfileId()).toBe(anna.id);
  });

  it('refuses to select a passphrase profile without it, or with a wrong one', async () => {
    await select(ws.backend, bob.id);
    expect(await refused(ws.backend, 'profile.select', { id: anna.id })).toEqual({
      code: 'locked',
      message: 'Profile Anna Lead is locked: enter its passphrase.',
    });
    expect(
      await refused(ws.backend, 'profile.select', {
        id: anna.id,
        passphrase: 'Correct horse battery staple',
      }),
    ).toEqual({
      code: 'not_allowed',
      message: 'The passphrase for Anna Lead is not right.',
    });
    // Still Bob: a refused select changes nothing.
    expect((await list(ws.backend)).currentId).toBe(bob.id);
  });

  it('locks the previous profile when another is selected', async () => {
    await select(ws.backend, bob.id);
    expect(ws.changes.at(-1)).toEqual({ currentId: bob.id, locked: false });
    expect(await ws.backend.profiles.actingProfileId()).toBe(bob.id);
    // Back to Anna needs her passphrase again.
    expect((await refused(ws.backend, 'profile.select', { id: anna.id })).code).toBe('locked');
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    // Re-selecting the unlocked current profile (a second window) needs nothing more.
    expect(await select(ws.backend, anna.id)).toMatchObject({ currentId: anna.id, currentLocked: false });
  });

  it('locks the previous profile when a new one is created', async () => {
    const kim = await create(ws.backend, 'Kim New', 'mystery_shopper');
    expect(ws.changes.at(-1)).toEqual({ currentId: kim.id, locked: false });
    expect((await refused(ws.backend, 'profile.select', { id: anna.id })).code).toBe('locked');
  });

  it('slows down repeated wrong passphrases, then lets the right one in', async () => {
    await call(ws.backend, 'profile.lock');
    for (let i = 0; i < 5; i++) {
      expect(
        (await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: `guess number ${i}` }))
          .message,
      ).toBe('The passphrase for Anna Lead is not right.');
    }
    // The sixth try comes too soon: refused without even checking, with how long to wait.
    const early = await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE });
    expect(early).toEqual({
      code: 'not_allowed',
      message: 'Too many wrong passphrases for Anna Lead: wait 2 seconds and try again.',
    });
    ws.advance(2000);
    expect(
      (await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: 'guess number 6' })).message,
    ).toContain('not right');
    expect(
      (await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE })).message,
    ).toContain('wait 4 seconds');
    // The wait doubles but never passes 30 seconds.
    for (const wait of [4, 8, 16, 30, 30]) {
      ws.advance(wait * 1000);
      await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: 'still guessing' });
    }
    expect(
      (await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE })).message,
    ).toContain('wait 30 seconds');
    // Another profile's tries are counted apart.
    await select(ws.backend, bob.id);
    await setPassphrase(ws.backend, bob.id, BOB_PASSPHRASE);
    await select(ws.backend, bob.id, BOB_PASSPHRASE);
    ws.advance(30_000);
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    // A success starts the count again.
    await call(ws.backend, 'profile.lock');
    await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: 'one more guess' });
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
  });

  it('locks itself after 15 quiet minutes, and polling does not keep it awake', async () => {
    ws.advance(14 * 60_000);
    await call(ws.backend, 'agent.list'); // a person doing something
    ws.advance(14 * 60_000);
    expect((await list(ws.backend)).currentLocked).toBe(false);
    ws.advance(60_000); // 15 minutes since rubric.list; the polls in between did not count
    const polled = await list(ws.backend);
    expect(polled).toMatchObject({ currentId: anna.id, currentLocked: true });
    expect(ws.changes.at(-1)).toEqual({ currentId: anna.id, locked: true });
    expect(ws.logs.some((line) => line.includes('quiet spell'))).toBe(true);
    // Services asking directly see the lock too.
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    ws.advance(15 * 60_000);
    expect(await ws.backend.profiles.actingProfileIdOrNull()).toBeNull();
  });

  it('takes the idle time from the backend options', async () => {
    await ws.restart({ idleLockMs: 60_000 });
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    ws.advance(59_000);
    expect((await list(ws.backend)).currentLocked).toBe(false);
    ws.advance(1000);
    expect((await list(ws.backend)).currentLocked).toBe(true);
  });

  it('locks on time even when no call comes, and tells the screens', async () => {
    await ws.restart({ idleLockMs: 150, clock: systemClock });
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    expect(ws.changes.at(-1)).toEqual({ currentId: anna.id, locked: false });
    await vi.waitFor(() => expect(ws.changes.at(-1)).toEqual({ currentId: anna.id, locked: true }), {
      timeout: 5000,
    });
    expect(await ws.backend.profiles.actingProfileIdOrNull()).toBeNull();
  });

  it('is locked again after a restart, with the same profile current', async () => {
    await ws.restart();
    expect(await list(ws.backend)).toMatchObject({ currentId: anna.id, currentLocked: true });
    expect((await refused(ws.backend, 'profile.select', { id: anna.id })).code).toBe('locked');
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
  });

  it('opens with a changed passphrase, and only with it', async () => {
    await setPassphrase(ws.backend, anna.id, BOB_PASSPHRASE, ANNA_PASSPHRASE);
    expect((await list(ws.backend)).currentLocked).toBe(false);
    await call(ws.backend, 'profile.lock');
    expect(
      (await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE })).code,
    ).toBe('not_allowed');
    await select(ws.backend, anna.id, BOB_PASSPHRASE);
  });

  it('does not let anybody rename a locked profile', async () => {
    await select(ws.backend, bob.id);
    expect((await refused(ws.backend, 'profile.update', { id: anna.id, name: 'Not Anna' })).code).toBe(
      'locked',
    );
    // Bob has no passphrase: anybody may still change him (as before passphrases).
    await call(ws.backend, 'profile.update', { id: bob.id, name: 'Bob Q.' });
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    expect(
      (await call<ReviewerProfile>(ws.backend, 'profile.update', { id: anna.id, role: 'qa_supervisor' }))
        .role,
    ).toBe('qa_supervisor');
  });

  it('runs unlocks one at a time, so an unlock cannot land after a later lock', async () => {
    await call(ws.backend, 'profile.lock');
    const unlock = ws.backend.dispatch('profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE });
    const lock = ws.backend.dispatch('profile.lock', {});
    expect((await unlock).ok).toBe(true);
    expect(await lock).toMatchObject({ ok: true, value: { currentLocked: true } });
    expect((await list(ws.backend)).currentLocked).toBe(true);
  });
});
