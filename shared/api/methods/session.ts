import { z } from 'zod';
import { Id } from '../schemas';
import { method, NoParams } from './define';
import { ReviewerRole } from './profiles';

/**
 * Logging in to a team server (issue 14). Only a team server answers these; a workstation answers
 * `unavailable`. The login token never appears in a result: the handler hands it to the transport
 * (the team host sets it as an HttpOnly cookie), so page script never sees it.
 */

export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 1024;
export const MAX_USERNAME_CHARS = 64;

/**
 * A username as an account is created with: ASCII letters, digits and `. _ - @`, starting with a letter
 * or digit. ASCII only, because both engines must agree on which two names are "the same regardless of
 * case" (SQLite's NOCASE folds only ASCII; PostgreSQL's lower() folds every letter).
 */
export const Username = z
  .string()
  .trim()
  .min(1, 'a username needs at least one character')
  .max(MAX_USERNAME_CHARS, `a username is at most ${MAX_USERNAME_CHARS} characters`)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]*$/,
    'a username uses only the letters A-Z, digits and . _ - @ (no spaces) and starts with a letter or digit',
  );

/** A new password as chosen: not trimmed (spaces count), never logged, never returned. */
export const Password = z
  .string()
  .min(MIN_PASSWORD_CHARS, `a password has at least ${MIN_PASSWORD_CHARS} characters`)
  .max(MAX_PASSWORD_CHARS, `a password is at most ${MAX_PASSWORD_CHARS} characters`);

/**
 * A password as typed at login: only bounded, so a password set under older rules still logs in and a
 * short wrong guess is simply wrong.
 */
const TypedPassword = z
  .string()
  .min(1, 'enter your password')
  .max(MAX_PASSWORD_CHARS, `a password is at most ${MAX_PASSWORD_CHARS} characters`);

const TypedUsername = z
  .string()
  .trim()
  .min(1, 'enter your username')
  .max(MAX_USERNAME_CHARS, `a username is at most ${MAX_USERNAME_CHARS} characters`);

export const NamedRef = z.object({ id: Id, name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;

/** Who is logged in: the account's profile (the id every record of their work points at) and its login. */
export const SessionAccount = z.object({
  profileId: Id,
  name: z.string(),
  username: z.string(),
  role: ReviewerRole,
  /** The agent record an agent account reads its own evaluations of; null for other roles. */
  agent: NamedRef.nullable(),
  /** The teams a team lead leads (empty for other roles). */
  teams: z.array(NamedRef),
});
export type SessionAccount = z.infer<typeof SessionAccount>;

export const sessionMethods = {
  /**
   * Logs in: the session this request carried (if any) ends and a new one begins (the transport gets
   * its token). Wrong username or password: `not_allowed`, the same words and about the same time
   * whether the username exists or not. After repeated failures for a username or from an address:
   * `rate_limited`, naming when to try again.
   */
  'session.login': method(
    z.object({ username: TypedUsername, password: TypedPassword }).strict(),
    SessionAccount,
    { actor: 'none', activity: true },
  ),
  /** Ends this request's session (the transport clears its cookie); `loggedOut` false when there was none. */
  'session.logout': method(NoParams, z.object({ loggedOut: z.boolean() }), {
    actor: 'none',
    activity: true,
  }),
  /** Who this request's session belongs to; `account` null when nobody is logged in (or the login expired). */
  'session.me': method(NoParams, z.object({ account: SessionAccount.nullable() }), {
    actor: 'optional',
    activity: true,
  }),
  /**
   * Changes the logged-in person's password (`current` must be right). Every session of theirs ends,
   * elsewhere too; this request gets a new one, so whoever changed it stays logged in.
   */
  'session.changePassword': method(
    z.object({ current: TypedPassword, next: Password }).strict(),
    SessionAccount,
    { actor: 'required', activity: true },
  ),
} as const;
