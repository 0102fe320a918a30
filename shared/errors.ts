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

/**
 * Which refusal it is, where a screen words it in the user's language: a stable name beside the broad
 * `code`, so the renderer never reads the English `message` to tell refusals apart.
 */
export const errorReasons = [
  /** A login's username or password is wrong (which one is never said). */
  'wrong_login',
  /** The account exists and the password is right, but an administrator disabled it. */
  'account_disabled',
  /** Too many failed logins for the username or the address: `retryAt` says when to try again. */
  'too_many_logins',
  /** A password change's current password is not the person's password. */
  'wrong_current_password',
  /** The agent answered this evaluation already (in another window, say): it is answered once. */
  'already_answered',
  /** An upload's file is bigger than the team server takes (its --max-upload-size). */
  'upload_too_big',
  /** An upload arrived different from the sender's SHA-256: nothing of it was kept. */
  'upload_different',
  /** Bytes sent from another place than where the upload stands (`offset` says where), or after its end. */
  'upload_wrong_offset',
  /** More bytes were sent than the file has. */
  'upload_too_many_bytes',
  /** The person's role may not upload, or the request did not come from the server's own page. */
  'upload_not_allowed',
  /** Another request is sending this upload's bytes right now. */
  'upload_busy',
  /** The upload is not there (given up, refused, or cleared after a day): start it again. */
  'upload_gone',
  /** The server's storage is full. */
  'upload_storage_full',
  /** The file's name could be a path (a slash, a backslash, control characters) or is too long. */
  'upload_bad_name',
  /** The file's name starts with a dot: a hidden file, which the import skips. */
  'upload_hidden_name',
  /** A mapping file (MAPPING.json) sent from the person's computer is empty. */
  'mapping_empty',
  /** A mapping file is bigger than a mapping can be (`MAPPING_FILE_MAX_BYTES`): surely another file. */
  'mapping_too_big',
  /** A mapping file is not JSON at all. */
  'mapping_not_json',
  /** A mapping file is JSON but not a mapping (the MysteryMapping schema names what is wrong). */
  'mapping_not_a_mapping',
  /**
   * The person takes part in an open calibration session holding this call or chat: no moments on it
   * from them until the reveal (a moment would show the others their judgement).
   */
  'scoring_blind',
] as const;

export type ErrorReason = (typeof errorReasons)[number];

export interface ErrorDetail {
  reason?: ErrorReason;
  /** For `too_many_logins`: the moment (ISO 8601) the next try is let through. */
  retryAt?: string;
}

export interface ApiErrorBody extends ErrorDetail {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by backend services and rethrown by the renderer client, so both sides speak one error type. */
export class EarmarkError extends Error {
  override readonly name = 'EarmarkError';
  readonly reason: ErrorReason | undefined;
  readonly retryAt: string | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    detail: ErrorDetail = {},
  ) {
    super(message);
    this.reason = detail.reason;
    this.retryAt = detail.retryAt;
  }

  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.reason && { reason: this.reason }),
      ...(this.retryAt && { retryAt: this.retryAt }),
    };
  }

  /** The error a reply's body describes, on the renderer's side of a transport (unknown names dropped). */
  static fromBody(body: { code?: unknown; message?: unknown; reason?: unknown; retryAt?: unknown }) {
    return new EarmarkError(isErrorCode(body.code) ? body.code : 'internal', String(body.message ?? ''), {
      ...(isErrorReason(body.reason) && { reason: body.reason }),
      ...(typeof body.retryAt === 'string' && { retryAt: body.retryAt }),
    });
  }
}

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && (errorReasons as readonly string[]).includes(value);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
