import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KDF_PARAMS,
  KdfParams,
  newProfileKey,
  unwrapProfileKey,
  wrapProfileKey,
} from '../../../electron/backend/privacy/profile-key';
import { openWith, sealWith } from '../../../electron/backend/privacy/seal';
import { workstationKeyId } from '../../../electron/backend/privacy/workstation-key';

/** Wrapping a profile key: the passphrase AND the workstation key are both needed to open it. */

const PASSPHRASE = 'correct horse battery staple';
const workstationKey = randomBytes(32);
const keyId = workstationKeyId(workstationKey);
const AAD = 'earmark:profile_keys:1';
// The fastest settings the schema allows, so the test is about the logic, not scrypt's speed.
const FAST: KdfParams = { N: 2 ** 14, r: 8, p: 1 };

describe('profile keys', () => {
  it('wrap to 60 bytes and unwrap with the passphrase and workstation key', async () => {
    const key = newProfileKey();
    const wrapped = await wrapProfileKey(key, PASSPHRASE, workstationKey, keyId, AAD, FAST);
    expect(wrapped.wrappedKey.length).toBe(60);
    expect(wrapped.salt.length).toBe(16);
    expect(wrapped.workstationKeyId).toMatch(/^[0-9a-f]{16}$/);
    expect((await unwrapProfileKey(wrapped, PASSPHRASE, workstationKey, AAD, 'Anna')).equals(key)).toBe(true);
  });

  it('refuse a wrong passphrase, another workstation key or another profile row alike', async () => {
    const wrapped = await wrapProfileKey(newProfileKey(), PASSPHRASE, workstationKey, keyId, AAD, FAST);
    const wrong = { code: 'not_allowed', message: 'The passphrase for Anna is not right.' };
    await expect(
      unwrapProfileKey(wrapped, PASSPHRASE.toUpperCase(), workstationKey, AAD, 'Anna'),
    ).rejects.toMatchObject(wrong);
    await expect(unwrapProfileKey(wrapped, PASSPHRASE, randomBytes(32), AAD, 'Anna')).rejects.toMatchObject(
      wrong,
    );
    await expect(
      unwrapProfileKey(wrapped, PASSPHRASE, workstationKey, 'earmark:profile_keys:2', 'Anna'),
    ).rejects.toMatchObject(wrong);
  });

  it('treat the same passphrase typed in another Unicode form as the same', async () => {
    const composed = 'Käsekuchen mit Sahne';
    const decomposed = composed.normalize('NFD');
    const wrapped = await wrapProfileKey(newProfileKey(), composed, workstationKey, keyId, AAD, FAST);
    await expect(unwrapProfileKey(wrapped, decomposed, workstationKey, AAD, 'Anna')).resolves.toBeInstanceOf(
      Buffer,
    );
  });

  it('keep their cost settings within bounds a tampered row cannot abuse', () => {
    expect(KdfParams.safeParse(DEFAULT_KDF_PARAMS).success).toBe(true);
    expect(KdfParams.safeParse({ N: 2 ** 30, r: 8, p: 1 }).success).toBe(false);
    expect(KdfParams.safeParse({ N: 3000, r: 8, p: 1 }).success).toBe(false);
    expect(KdfParams.safeParse({ N: 2 ** 15, r: 8, p: 1, extra: 1 }).success).toBe(false);
  });

  it('a damaged wrapped key is told apart from a wrong passphrase', async () => {
    const wrapped = await wrapProfileKey(newProfileKey(), PASSPHRASE, workstationKey, keyId, AAD, FAST);
    await expect(
      unwrapProfileKey(
        { ...wrapped, wrappedKey: wrapped.wrappedKey.subarray(0, 59) },
        PASSPHRASE,
        workstationKey,
        AAD,
        'Anna',
      ),
    ).rejects.toMatchObject({ code: 'tampered' });
  });
});

describe('sealing', () => {
  it('opens only with the same key and aad', () => {
    const key = randomBytes(32);
    const sealed = sealWith(key, 'hello', 'row:1');
    expect(openWith(key, sealed, 'row:1', 'This note').toString()).toBe('hello');
    expect(() => openWith(randomBytes(32), sealed, 'row:1', 'This note')).toThrow(
      'This note was altered or damaged and cannot be read.',
    );
    expect(() => openWith(key, sealed, 'row:2', 'This note')).toThrow(/altered or damaged/);
  });
});
