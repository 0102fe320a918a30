import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EarmarkError } from '../../../shared/errors';
import type { Sealed } from '../context';

const ALGORITHM = 'aes-256-gcm';
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * AES-256-GCM with a fresh random nonce per message. `aad` is authenticated but not stored: it binds the
 * ciphertext to where it belongs (e.g. "coaching_note:12"), so a ciphertext copied onto another row fails.
 */
export function sealWith(key: Buffer, plaintext: string | Buffer, aad: string): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, ciphertext: body };
}

/**
 * The plaintext bytes, or `tampered` when the check fails. `what` names the thing for the message
 * ("This private note"); the message never carries any of the data, so it is safe to log.
 */
export function openWith(key: Buffer, sealed: Sealed, aad: string, what: string): Buffer {
  const { nonce, ciphertext } = sealed;
  if (nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES) throw damaged(what);
  const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw damaged(what);
  }
}

const damaged = (what: string) =>
  new EarmarkError('tampered', `${what} was altered or damaged and cannot be read.`);
