import { EarmarkError, type ErrorCode } from '../../../shared/errors';

// Typed by the codes, so a new error code cannot be forgotten here (and turn into a 500).
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_params: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  unsupported_media: 415,
  forbidden: 403,
  unauthorized: 401,
  not_allowed: 403,
  locked: 423,
  // The request was fine; the stored data failed its integrity check.
  tampered: 422,
  // Not on this server's database engine yet (PostgreSQL while services move onto it).
  unavailable: 501,
  // Too many failed logins: the message says when to try again.
  rate_limited: 429,
  // Saved from an older version than the stored one: nothing was written.
  edit_conflict: 409,
  internal: 500,
};

// What a failed file-system call means to the one asking for the file: it is not there, or not theirs.
const FILE_ERROR_STATUS: Record<string, number> = {
  ENOENT: 404,
  ENOTDIR: 404,
  ENAMETOOLONG: 404,
  ELOOP: 404,
  EISDIR: 404,
  EACCES: 403,
  EPERM: 403,
};

/**
 * The one mapping from a failure to an HTTP status, for every host (browser host, Electron protocols,
 * team server): our own errors by their code, file-system errors by their errno, anything else 500.
 */
export function statusOfError(error: unknown): number {
  if (error instanceof EarmarkError) return HTTP_STATUS[error.code];
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (typeof code === 'string' && FILE_ERROR_STATUS[code]) || 500;
}
