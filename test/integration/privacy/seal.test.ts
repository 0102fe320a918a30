import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines';
import type { Sealed } from '../../../electron/backend/context';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../shared/errors';
import { call } from '../../support/backend';
import {
  ANNA_PASSPHRASE,
  BOB_PASSPHRASE,
  create,
  select,
  setPassphrase,
  workstation,
  type Workstation,
} from './fixture';

/**
 * Sealing private text for its author (the acting profile a request carries), and what opening it
 * refuses: only the author, unlocked, reads it.
 */

const NOTE = 'Anna: Pekka sounded exhausted; ask about the night shifts before the scores.';
const AAD = 'coaching_note:7';

let ws: Workstation;
let anna: ReviewerProfile;
let bob: ReviewerProfile;

beforeAll(async () => {
  ws = await workstation();
  bob = await create(ws.backend, 'Bob Quality', 'qa_supervisor');
  anna = await create(ws.backend, 'Anna Lead');
});
afterAll(() => ws.close());

/** The error a call throws, for checking its code and that it carries nothing private. */
function errorOf(run: () => unknown): EarmarkError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EarmarkError);
    expect((error as Error).message).not.toContain('exhausted');
    expect((error as Error).stack ?? '').not.toContain('exhausted');
    return error as EarmarkError;
  }
  throw new Error('expected it to throw');
}

const copy = (sealed: Sealed): Sealed => ({
  nonce: Buffer.from(sealed.nonce),
  ciphertext: Buffer.from(sealed.ciphertext),
});
const flip = (buffer: Buffer, at: number) => {
  buffer[at]! ^= 0x01;
  return buffer;
};

const annaRef = () => ({ id: anna.id, name: anna.name });
const bobRef = () => ({ id: bob.id, name: bob.name });
/** Who reads now, as the dispatch would find it for a call. */
const reader = () => ws.backend.profiles.actingProfileIdOrNull();

describeEachEngine('without a passphrase', () => {
  // On a workstation of its own: the shared one's Anna gets a passphrase below, whichever runs first.
  it('nothing is sealed', async () => {
    const fresh = await workstation();
    try {
      const author = await create(fresh.backend, 'Anna Lead');
      const error = errorOf(() => fresh.backend.profiles.seal(author.id, NOTE, AAD));
      expect(error.code).toBe('not_allowed');
      expect(error.message).toBe(
        'Set a passphrase on your profile before writing private notes: without one anybody at this workstation could open them.',
      );
    } finally {
      await fresh.close();
    }
  });
});

describeEachEngine('with a passphrase', () => {
  let sealed: Sealed;
  beforeAll(async () => {
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
    sealed = ws.backend.profiles.seal(anna.id, NOTE, AAD);
  });
  beforeEach(async () => {
    if ((await reader()) !== anna.id) await select(ws.backend, anna.id, ANNA_PASSPHRASE);
  });

  it('seals with a fresh nonce each time and opens for the author', async () => {
    const as = await reader();
    expect(sealed.nonce.length).toBe(12);
    expect(sealed.ciphertext.length).toBe(Buffer.byteLength(NOTE) + 16);
    expect(sealed.ciphertext.toString('latin1')).not.toContain('Pekka');
    const again = ws.backend.profiles.seal(anna.id, NOTE, AAD);
    expect(again.nonce.equals(sealed.nonce)).toBe(false);
    expect(again.ciphertext.equals(sealed.ciphertext)).toBe(false);
    expect(ws.backend.profiles.open(as, annaRef(), sealed, AAD)).toBe(NOTE);
    expect(ws.backend.profiles.open(as, annaRef(), ws.backend.profiles.seal(anna.id, '', AAD), AAD)).toBe('');
    expect(
      ws.backend.profiles.open(as, annaRef(), ws.backend.profiles.seal(anna.id, 'Grüße 👋', AAD), AAD),
    ).toBe('Grüße 👋');
  });

  it('refuses anyone else, and the author while locked', async () => {
    await select(ws.backend, bob.id);
    expect(await reader()).toBe(bob.id);
    expect(errorOf(() => ws.backend.profiles.open(bob.id, annaRef(), sealed, AAD))).toMatchObject({
      code: 'not_allowed',
      message: 'This private note can only be read by Anna Lead, with their profile unlocked.',
    });
    // Bob sealing as himself: he has no passphrase.
    expect(errorOf(() => ws.backend.profiles.seal(bob.id, NOTE, AAD)).code).toBe('not_allowed');
    // Nor for Anna, whose key went when Bob was selected.
    expect(errorOf(() => ws.backend.profiles.seal(anna.id, NOTE, AAD)).code).toBe('locked');
    // Bob with a passphrase of his own still cannot open Anna's.
    await setPassphrase(ws.backend, bob.id, BOB_PASSPHRASE);
    expect(errorOf(() => ws.backend.profiles.open(bob.id, annaRef(), sealed, AAD)).code).toBe('not_allowed');
    const bobs = ws.backend.profiles.seal(bob.id, 'Bob only', AAD);
    expect(ws.backend.profiles.open(bob.id, bobRef(), bobs, AAD)).toBe('Bob only');

    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    // Anna cannot open Bob's note with her own key either.
    expect(errorOf(() => ws.backend.profiles.open(anna.id, bobRef(), bobs, AAD)).code).toBe('not_allowed');
    await call(ws.backend, 'profile.lock');
    expect(await reader()).toBeNull();
    expect(errorOf(() => ws.backend.profiles.open(null, annaRef(), sealed, AAD)).code).toBe('not_allowed');
    expect(errorOf(() => ws.backend.profiles.open(anna.id, annaRef(), sealed, AAD)).code).toBe('not_allowed');
    expect(errorOf(() => ws.backend.profiles.seal(anna.id, NOTE, AAD)).code).toBe('locked');
  });

  it.each([
    ['a flipped ciphertext byte', (s: Sealed) => ({ ...s, ciphertext: flip(s.ciphertext, 0) }), AAD],
    [
      'a flipped tag byte',
      (s: Sealed) => ({ ...s, ciphertext: flip(s.ciphertext, s.ciphertext.length - 1) }),
      AAD,
    ],
    ['a changed nonce', (s: Sealed) => ({ ...s, nonce: flip(s.nonce, 5) }), AAD],
    ['a cut ciphertext', (s: Sealed) => ({ ...s, ciphertext: s.ciphertext.subarray(0, 10) }), AAD],
    ['a short nonce', (s: Sealed) => ({ ...s, nonce: s.nonce.subarray(0, 8) }), AAD],
    ['another row (aad)', (s: Sealed) => s, 'coaching_note:8'],
  ])('detects %s', (_what, change, aad) => {
    const error = errorOf(() => ws.backend.profiles.open(anna.id, annaRef(), change(copy(sealed)), aad));
    expect(error).toMatchObject({
      code: 'tampered',
      message: 'This private note was altered or damaged and cannot be read.',
    });
    // The original still opens.
    expect(ws.backend.profiles.open(anna.id, annaRef(), sealed, AAD)).toBe(NOTE);
  });

  it('stays readable after a passphrase change and a restart', async () => {
    await setPassphrase(ws.backend, anna.id, 'a brand new passphrase', ANNA_PASSPHRASE);
    expect(ws.backend.profiles.open(anna.id, annaRef(), sealed, AAD)).toBe(NOTE);
    await ws.restart();
    expect(await reader()).toBeNull();
    expect(errorOf(() => ws.backend.profiles.open(anna.id, annaRef(), sealed, AAD)).code).toBe('not_allowed');
    await select(ws.backend, anna.id, 'a brand new passphrase');
    expect(ws.backend.profiles.open(anna.id, annaRef(), sealed, AAD)).toBe(NOTE);
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE, 'a brand new passphrase');
  });

  it('is closed again once the profile idles out', () => {
    ws.advance(15 * 60_000);
    expect(errorOf(() => ws.backend.profiles.open(anna.id, annaRef(), sealed, AAD)).code).toBe('not_allowed');
    expect(errorOf(() => ws.backend.profiles.seal(anna.id, NOTE, AAD)).code).toBe('locked');
  });
});
