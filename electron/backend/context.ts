import type { TeamFiles } from './team-files/config';
import type { MethodName, Methods, ParsedParams, Result } from '../../shared/api';
import type { ReviewerRole } from '../../shared/api/methods/profiles';
import type { EarmarkError } from '../../shared/errors';
import type { Clock } from './clock';
import type { Database } from './db/database';
import type { Db } from './db/open';
import type { EventHub } from './events';

/** A private note's text as stored: a fresh 12-byte nonce and AES-256-GCM output (ciphertext || tag). */
export interface Sealed {
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
}

/**
 * The unlocked keys of the workstation's profiles, for private notes. Who is acting is not asked here:
 * handlers get it from their request (see RequestFor), which the dispatch builds for every call.
 */
export interface ProfileSession {
  /**
   * Encrypts for the author, the request's acting profile (`not_allowed` unless it has a passphrase and
   * is unlocked). `aad` binds it to its row.
   */
  seal(authorId: number, plaintext: string, aad: string): Sealed;
  /**
   * Decrypts an author's sealed text for the request's reader: `not_allowed` unless the reader is the
   * author, unlocked; `tampered` when it fails its check. `writtenAt` (when the text was last sealed)
   * lets a team server tell a note sealed with a key lost to a password reset from a damaged one.
   */
  open(
    readerId: number | null,
    author: { id: number; name: string },
    sealed: Sealed,
    aad: string,
    writtenAt?: string,
  ): string;
}

/**
 * Who acts in one call, as the dispatch finds it before the handler runs: on the workstation the current
 * profile (unlocked when it has a passphrase); in team mode this is where a logged-in account goes.
 */
export type Acting =
  | {
      readonly actorId: number;
      readonly viewer?: Viewer;
      /** A team login's note key, for this call only (privacy/team-note-key.ts); absent on a workstation. */
      readonly keys?: ProfileSession;
    }
  | {
      readonly actorId: null;
      /** The chosen profile while it waits for its passphrase; null when no profile is chosen. */
      readonly lockedProfileId: number | null;
      /** Why nobody acts: `not_allowed` (no profile chosen) or `locked`. */
      readonly refusal: EarmarkError;
    };

/**
 * Who is looking, on a team server: the logged-in account's profile, its role, the agent record an
 * agent account reads, the teams a team lead leads. Found with who acts, once per call. The services'
 * row rules narrow what a method shows by it (services/viewer.ts). A workstation has no viewer: its
 * profiles see everything, as they always have.
 */
export interface Viewer {
  readonly profileId: number;
  readonly role: ReviewerRole;
  /** An agent account's agent record; null for every other account (and an unlinked agent). */
  readonly agentId: number | null;
  /** The teams a team lead leads; empty for every other role. */
  readonly teamIds: readonly number[];
}

/** Where the dispatch learns who acts; the workstation session on the desktop. */
export interface ActorSource {
  acting(): Acting | Promise<Acting>;
}

/**
 * What a transport passes with one call, beside the method and payload (`dispatch(method, payload,
 * call)`). The workstation's transports pass nothing; the team host builds one per HTTP request
 * (services/accounts/team-call.ts: `teamCall`).
 */
export interface CallContext {
  /** Who acts in this call, instead of the backend's own ActorSource (team host: `teamActors`). */
  readonly actors?: ActorSource | undefined;
  /** The login session this call carries, and how a login or logout hands its change to the transport. */
  readonly session?: SessionChannel | undefined;
}

/**
 * A transport's side of a login session (team host: the session cookie). The token never goes into a
 * result: `session.login` and `session.changePassword` call `setToken` with the new one, `session.logout`
 * calls `clear`, and the transport turns that into its Set-Cookie.
 */
export interface SessionChannel {
  /** The token the request presented (the cookie's value), or null. */
  readonly token: string | null;
  /** The caller's network address, for the back-off per address (null when unknown). */
  readonly address: string | null;
  /** A new session began: send `token` to the client, to keep until `expiresAt` at the latest. */
  setToken(token: string, expiresAt: Date): void;
  /** The session ended: the client forgets its token. */
  clear(): void;
}

/** A `required` method's request: the profile the write is made as. */
export interface ActingRequest {
  readonly actorId: number;
  /** Who is looking, on a team server (row rules); absent on a workstation. */
  readonly viewer?: Viewer;
  /** The login's private-note key on a team server, for this call only; absent on a workstation. */
  readonly keys?: ProfileSession;
}

/** An `optional` method's request: the acting profile, or null when nobody acts. */
export interface MaybeActingRequest {
  readonly actorId: number | null;
  /** The chosen profile while it waits for its passphrase; null when it is unlocked or none is chosen. */
  readonly lockedProfileId: number | null;
  /** The acting profile's id, or the reason nobody acts (`not_allowed` with no profile, `locked`). */
  actorOrThrow(): number;
  /** Who is looking, on a team server (row rules); absent on a workstation. */
  readonly viewer?: Viewer;
  /** The login's private-note key on a team server, for this call only; absent on a workstation. */
  readonly keys?: ProfileSession;
}

/**
 * A `none` method's request: it carries nobody to act as, as its handler must not depend on who acts;
 * on a team server it carries who is looking, for the rows they may see.
 */
export interface NoActorRequest {
  readonly viewer?: Viewer;
}

/** What a handler of `M` learns about who acts, by the method's `actor` rule in the contract. */
export type RequestFor<M extends MethodName> = Methods[M]['actor'] extends 'required'
  ? ActingRequest
  : Methods[M]['actor'] extends 'optional'
    ? MaybeActingRequest
    : NoActorRequest;

/** What every service area gets: the database, the folders, the event hub, the profiles' keys and the log. */
export interface BackendContext {
  /**
   * The better-sqlite3 connection of services not yet on the query layer. On PostgreSQL every use fails
   * with `unavailable` (db/sqlite-only.ts); converted services use `database` instead.
   */
  readonly db: Db;
  /** The async query layer (Kysely) on SQLite or PostgreSQL; see docs/data-layer.md. */
  readonly database: Database;
  readonly profiles: ProfileSession;
  readonly dataDir: string;
  /** A team server's storage and import folders (serve --team); null on a workstation. */
  readonly teamFiles: TeamFiles | null;
  readonly resourcesDir: string;
  readonly version: string;
  readonly events: EventHub;
  /** The time services stamp; found from the database too (see ./clock), where only that is passed. */
  readonly clock: Clock;
  log(message: string): void;
}

/** Handlers for some of the contract's methods; each area's handlers.ts returns one of these. */
export type HandlersFor<M extends MethodName> = {
  [K in M]: (
    params: ParsedParams<K>,
    request: RequestFor<K>,
    call: CallContext,
  ) => Result<K> | Promise<Result<K>>;
};
