/**
 * Error codes that cross the API boundary. The renderer shows `message` to the user, so every
 * message names the problem (which field, which file) in plain words.
 */
export const errorCodes = [
  'invalid_params',
  'unknown_method',
  'not_found',
  'conflict',
  'unsupported_media',
  'forbidden',
  'unauthorized',
  /** The acting profile may not see or change this (another reviewer's private note, their session). */
  'not_allowed',
  /** The profile is locked with a passphrase; unlock it first. */
  'locked',
  /** Encrypted data failed its integrity check: it was altered or damaged, or the key is not the one it was written with. */
  'tampered',
  /** This part of Earmark does not run on the server's database engine yet (PostgreSQL, during the move). */
  'unavailable',
  /** Too many failed logins for this username or from this address: the message says when to try again. */
  'rate_limited',
  /**
   * Someone saved this (a rubric draft, a coaching session) since the version the save started from:
   * nothing was written, and the message says who saved when. The editor keeps what was typed.
   */
  'edit_conflict',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by backend services and rethrown by the renderer client, so both sides speak one error type. */
export class EarmarkError extends Error {
  override readonly name = 'EarmarkError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
