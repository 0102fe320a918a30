import { hkdfSync, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { EarmarkError } from '../../../shared/errors';
import { KEY_BYTES, NONCE_BYTES, openWith, sealWith } from './seal';

/**
 * A passphrase profile's key: 32 random bytes that seal its private notes, stored only wrapped
 * (AES-256-GCM) under a key derived from the passphrase AND the workstation key. The passphrase alone
 * (guessed) or the database alone (copied) opens nothing. A new passphrase re-wraps the same key, so
 * notes are never re-encrypted.
 */
export interface WrappedProfileKey {
  readonly kdfParams: KdfParams;
  readonly salt: Buffer;
  /** nonce (12) || encrypted key (32) || tag (16) */
  readonly wrappedKey: Buffer;
  readonly workstationKeyId: string;
}

/** Stored with each key, so stronger settings later do not lock out existing profiles. */
export const KdfParams = z
  .object({
    // Bounded so a tampered row cannot make an unlock eat gigabytes or minutes.
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'N is a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  })
  .strict();
export type KdfParams = z.infer<typeof KdfParams>;

/** ~100 ms and 32 MiB on an office PC: slow for a guesser, unnoticed by a person unlocking once. */
export const DEFAULT_KDF_PARAMS: KdfParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const INFO = Buffer.from('earmark profile key v1');
const WRAPPED_BYTES = NONCE_BYTES + KEY_BYTES + 16;

export const newProfileKey = (): Buffer => randomBytes(KEY_BYTES);

/** Wraps `profileKey` for this passphrase; `aad` names the profile row it belongs to. */
export async function wrapProfileKey(
  profileKey: Buffer,
  passphrase: string,
  workstationKey: Buffer,
  workstationKeyId: string,
  aad: string,
  kdfParams: KdfParams = DEFAULT_KDF_PARAMS,
): Promise<WrappedProfileKey> {
  const salt = randomBytes(SALT_BYTES);
  const kek = await keyEncryptionKey(passphrase, salt, kdfParams, workstationKey);
  try {
    const { nonce, ciphertext } = sealWith(kek, profileKey, aad);
    return { kdfParams, salt, wrappedKey: Buffer.concat([nonce, ciphertext]), workstationKeyId };
  } finally {
    kek.fill(0);
  }
}

/**
 * The profile key, or `not_allowed` when the passphrase is wrong (GCM cannot tell a wrong key from a
 * damaged one; the workstation key's fingerprint is checked by the caller before this).
 */
export async function unwrapProfileKey(
  wrapped: WrappedProfileKey,
  passphrase: string,
  workstationKey: Buffer,
  aad: string,
  profileName: string,
): Promise<Buffer> {
  if (wrapped.wrappedKey.length !== WRAPPED_BYTES) {
    throw new EarmarkError(
      'tampered',
      `The stored key of ${profileName} was altered or damaged and cannot be read.`,
    );
  }
  const kek = await keyEncryptionKey(passphrase, wrapped.salt, wrapped.kdfParams, workstationKey);
  try {
    const sealed = {
      nonce: wrapped.wrappedKey.subarray(0, NONCE_BYTES),
      ciphertext: wrapped.wrappedKey.subarray(NONCE_BYTES),
    };
    return openWith(kek, sealed, aad, 'key');
  } catch (error) {
    if (error instanceof EarmarkError && error.code === 'tampered') {
      throw new EarmarkError('not_allowed', `The passphrase for ${profileName} is not right.`);
    }
    throw error;
  } finally {
    kek.fill(0);
  }
}

/** KEK = HKDF-SHA256(scrypt(passphrase, salt) || workstation key, info "earmark profile key v1"). */
async function keyEncryptionKey(
  passphrase: string,
  salt: Buffer,
  params: KdfParams,
  workstationKey: Buffer,
): Promise<Buffer> {
  const stretched = await scryptAsync(passphrase.normalize('NFC'), salt, KEY_BYTES, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: Math.max(64 * 1024 * 1024, 256 * params.N * params.r),
  });
  const ikm = Buffer.concat([stretched, workstationKey]);
  stretched.fill(0);
  try {
    return Buffer.from(hkdfSync('sha256', ikm, salt, INFO, KEY_BYTES));
  } finally {
    ikm.fill(0);
  }
}

/** Async so the ~100 ms of scrypt runs on libuv's pool, not on the event loop every other call waits on. */
function scryptAsync(
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
