import type { MethodName, ParsedParams, Result } from '../../shared/api';
import type { Db } from './db/open';
import type { EventHub } from './events';

/** A private note's text as stored: a fresh 12-byte nonce and AES-256-GCM output (ciphertext || tag). */
export interface Sealed {
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
}

/**
 * Who is acting at the workstation, held in the backend for this run: the current profile and, while a
 * passphrase profile is unlocked, its key (in memory only). Services ask it instead of trusting ids in
 * payloads whenever privacy depends on the answer.
 */
export interface ProfileSession {
  /** The current profile's id; `not_allowed` when none is chosen, `locked` when its passphrase is needed. */
  actingProfileId(): number;
  /** The current profile's id, or null when none is chosen or it is locked (for read-only views). */
  actingProfileIdOrNull(): number | null;
  /** A write that names a reviewer: refused (`locked`) for a passphrase profile that is not the unlocked current one. */
  assertMayActAs(profileId: number): void;
  /** Encrypts for the acting profile (`not_allowed` without a passphrase, `locked` when locked). `aad` binds it to its row. */
  seal(plaintext: string, aad: string): Sealed;
  /** Decrypts an author's sealed text: `not_allowed` unless the author is the acting, unlocked profile; `tampered` when it fails its check. */
  open(authorId: number, sealed: Sealed, aad: string): string;
}

/** What every service area gets: the database, the folders, the event hub, the acting profile and the log. */
export interface BackendContext {
  readonly db: Db;
  readonly profiles: ProfileSession;
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly version: string;
  readonly events: EventHub;
  log(message: string): void;
}

/** Handlers for some of the contract's methods; each area's handlers.ts returns one of these. */
export type HandlersFor<M extends MethodName> = {
  [K in M]: (params: ParsedParams<K>) => Result<K> | Promise<Result<K>>;
};
