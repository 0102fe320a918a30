import { hkdfSync } from 'node:crypto';
import { EarmarkError } from '../../../shared/errors';
import type { ProfileSession, Sealed } from '../context';
import {
  KdfParams,
  newProfileKey,
  unwrapProfileKey,
  wrapProfileKey,
  type WrappedProfileKey,
} from './profile-key';
import { KEY_BYTES, NONCE_BYTES, openWith, sealWith } from './seal';

/**
 * Private notes on a team server. Each author's note key is the same per-profile key a workstation
 * uses (profile-key.ts), stored in profile_keys wrapped by their team password alone: a team has many
 * server processes and no one workstation key to mix in, and the password is the one secret only the
 * author holds. At login the server opens it with the password just proved and wraps it again under a
 * key derived (HKDF) from the new session's cookie token; only that copy is stored, in
 * team_sessions.note_key. The database keeps the token's SHA-256, never the token, so a copy of the
 * database opens neither; any server process opens it for a request that presents the cookie, for the
 * length of one seal or open. Logging out or expiring deletes the row, and with it the only copy
 * nobody needs the password for.
 */

/** Stands where profile_keys keeps a workstation key's fingerprint: this key is wrapped by the team password alone. */
export const TEAM_PASSWORD_WRAP = 'team-password';
const NO_WORKSTATION_KEY = Buffer.alloc(0);

/** Binds a wrapped key to its profile row, so one copied onto another profile does not open. */
export const profileKeyAad = (profileId: number) => `earmark:profile_keys:${profileId}`;

/**
 * The note key's wrapping costs as much to guess as the password's hash (password-hash.ts), so a
 * database copy offers no cheaper way at the password; within the bounds a stored key accepts.
 */
export function noteKdfParams(cost: { N: number; r: number; p: number }): KdfParams {
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  return KdfParams.parse({
    N: clamp(cost.N, 2 ** 14, 2 ** 20),
    r: clamp(cost.r, 1, 32),
    p: clamp(cost.p, 1, 16),
  });
}

/** A fresh note key for a first login, or the one being re-wrapped for a new password. */
export const newNoteKey = newProfileKey;

export function wrapWithPassword(
  noteKey: Buffer,
  password: string,
  profileId: number,
  params: KdfParams,
): Promise<WrappedProfileKey> {
  return wrapProfileKey(
    noteKey,
    password,
    NO_WORKSTATION_KEY,
    TEAM_PASSWORD_WRAP,
    profileKeyAad(profileId),
    params,
  );
}

/** The note key, opened with the person's password; `not_allowed` when it was wrapped with another. */
export async function unwrapWithPassword(
  wrapped: WrappedProfileKey,
  password: string,
  profileId: number,
  name: string,
): Promise<Buffer> {
  if (wrapped.workstationKeyId !== TEAM_PASSWORD_WRAP) {
    throw new EarmarkError(
      'tampered',
      `The stored key of ${name} was made on a workstation and is not wrapped by a team password.`,
    );
  }
  return unwrapProfileKey(wrapped, password, NO_WORKSTATION_KEY, profileKeyAad(profileId), name);
}

const SESSION_INFO = Buffer.from('earmark team session note key v1');
const sessionAad = (profileId: number) => `earmark:team_sessions:note_key:v1:${profileId}`;

/**
 * The key that wraps a session's copy: HKDF-SHA256 of the cookie token (32 random bytes, so no salt
 * or stretching is needed). The database's SHA-256 of the same token does not lead to it.
 */
function sessionKek(token: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(token, 'utf8'), Buffer.alloc(0), SESSION_INFO, KEY_BYTES),
  );
}

/** The note key wrapped for one session (team_sessions.note_key): nonce || ciphertext || tag. */
export function wrapForSession(token: string, profileId: number, noteKey: Buffer): Buffer {
  const kek = sessionKek(token);
  try {
    const { nonce, ciphertext } = sealWith(kek, noteKey, sessionAad(profileId));
    return Buffer.concat([nonce, ciphertext]);
  } finally {
    kek.fill(0);
  }
}

function unwrapForSession(token: string, profileId: number, stored: Buffer): Buffer {
  const kek = sessionKek(token);
  try {
    const sealed = { nonce: stored.subarray(0, NONCE_BYTES), ciphertext: stored.subarray(NONCE_BYTES) };
    return openWith(kek, sealed, sessionAad(profileId), "This session's key for private notes");
  } finally {
    kek.fill(0);
  }
}

/**
 * A private note sealed with the key that went with the password an administrator reset: nobody can
 * read it any more (the reset dialog says so before the reset). Its author may still delete it.
 */
export class LostNoteKey extends EarmarkError {
  constructor(author: string) {
    super(
      'not_allowed',
      `This private note of ${author} was written before an administrator reset their password: the key that opened it went with the old password, so nobody can read it any more.`,
    );
  }
}

export interface TeamLogin {
  readonly profileId: number;
  /** The cookie token this request presented. */
  readonly token: string;
  /** team_sessions.note_key of the login; null when the person has no note key. */
  readonly noteKey: Buffer | null;
  /** When the person's note key was made (profile_keys.created_at): a note last sealed before it was sealed with a lost key. */
  readonly keySince: string | null;
}

/**
 * The private-note keys of one team-server request: the logged-in person's only, opened from the
 * session's copy for each seal or open and wiped straight after. Everybody else's notes stay shut.
 */
export class TeamNoteKeys implements ProfileSession {
  constructor(private readonly login: TeamLogin) {}

  seal(authorId: number, plaintext: string, aad: string): Sealed {
    if (authorId !== this.login.profileId) {
      throw new EarmarkError('not_allowed', 'A private note is written as the person logged in, only.');
    }
    return this.withKey(
      () =>
        new EarmarkError(
          'not_allowed',
          'Your account has no key for private notes yet: log out and log in again to make one.',
        ),
      (key) => sealWith(key, plaintext, aad),
    );
  }

  open(
    readerId: number | null,
    author: { id: number; name: string },
    sealed: Sealed,
    aad: string,
    writtenAt?: string,
  ): string {
    const notTheirs = () =>
      new EarmarkError('not_allowed', `This private note can only be read by ${author.name}, logged in.`);
    if (readerId !== author.id || readerId !== this.login.profileId) throw notTheirs();
    return this.withKey(notTheirs, (key) => {
      try {
        return openWith(key, sealed, aad, 'This private note').toString('utf8');
      } catch (error) {
        const { keySince } = this.login;
        const older = writtenAt !== undefined && keySince !== null && writtenAt < keySince;
        if (error instanceof EarmarkError && error.code === 'tampered' && older)
          throw new LostNoteKey(author.name);
        throw error;
      }
    });
  }

  private withKey<T>(missing: () => EarmarkError, use: (key: Buffer) => T): T {
    const { token, profileId, noteKey } = this.login;
    if (!noteKey) throw missing();
    const key = unwrapForSession(token, profileId, noteKey);
    try {
      return use(key);
    } finally {
      key.fill(0);
    }
  }
}
