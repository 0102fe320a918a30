import { isMethodName, methods } from '../../../shared/api';
import type { KeyProtection } from '../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../shared/errors';
import type { Acting, ActorSource, ProfileSession, Sealed } from '../context';
import type { Db } from '../db/open';
import type { EventHub } from '../events';
import { noProfileChosen } from '../request';
import {
  currentProfileId,
  profileLocked,
  profileNameOf,
  writeCurrentProfile,
} from '../services/profiles/profiles';
import { hasPassphrase, profilesLockedWithOtherKey, readWrappedKey, writeWrappedKey } from './key-store';
import { newProfileKey, unwrapProfileKey, wrapProfileKey } from './profile-key';
import { openWith, sealWith } from './seal';
import {
  keyFileProtector,
  keysDir,
  loadOrCreateWorkstationKey,
  workstationKeyId,
  type WorkstationKeyProtector,
} from './workstation-key';

export const DEFAULT_IDLE_LOCK_MS = 15 * 60 * 1000;

/** Wrong passphrases allowed before each further try must wait (2, 4, 8, 16, then 30 s). */
export const FREE_TRIES = 5;
const MAX_WAIT_S = 30;

export interface SessionOptions {
  db: Db;
  dataDir: string;
  events: EventHub;
  log: (message: string) => void;
  keyProtector?: WorkstationKeyProtector | undefined;
  /** How long without an API call that counts as activity (see `activity` in the contract) before an unlocked profile locks itself. */
  idleLockMs?: number | undefined;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  clock?: (() => number) | undefined;
}

/**
 * The backend's ProfileSession: who is acting at the workstation and, while a passphrase profile is
 * unlocked, its key (in memory only). The current profile id is the persisted setting; the unlocked
 * state is not, so every start of the backend begins locked.
 *
 * A profile without a passphrase acts whenever it is current (as before passphrases existed) but cannot
 * hold private notes. A passphrase profile is locked after start-up, after profile.lock, after another
 * profile is selected, and after `idleLockMs` without activity.
 */
export class WorkstationSession implements ProfileSession, ActorSource {
  private readonly db: Db;
  private readonly dataDir: string;
  private readonly events: EventHub;
  private readonly log: (message: string) => void;
  private readonly protector: WorkstationKeyProtector;
  private readonly idleLockMs: number;
  private readonly now: () => number;

  private unlocked: { profileId: number; key: Buffer } | null = null;
  private workstationKey: Buffer | null = null;
  private lastActivity: number;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly failures = new Map<number, { count: number; at: number }>();
  /** Passphrase operations run one at a time: an unlock must not finish after a later lock. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SessionOptions) {
    this.db = options.db;
    this.dataDir = options.dataDir;
    this.events = options.events;
    this.log = options.log;
    this.protector = options.keyProtector ?? keyFileProtector;
    this.idleLockMs = options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS;
    this.now = options.clock ?? Date.now;
    this.lastActivity = this.now();
  }

  // ---- ActorSource (what the dispatch asks once per call) ----

  acting(): Acting {
    this.lockIfIdle();
    const current = currentProfileId(this.db);
    if (current === null) {
      return {
        actorId: null,
        lockedProfileId: null,
        refusal: noProfileChosen(),
      };
    }
    if (this.isLocked(current)) {
      return { actorId: null, lockedProfileId: current, refusal: this.lockedError(current) };
    }
    return { actorId: current };
  }

  /** The acting profile's id; `not_allowed` when none is chosen, `locked` when its passphrase is needed. */
  actingProfileId(): number {
    const acting = this.acting();
    if (acting.actorId === null) throw acting.refusal;
    return acting.actorId;
  }

  /** The acting profile's id, or null when none is chosen or it is locked. */
  actingProfileIdOrNull(): number | null {
    return this.acting().actorId;
  }

  // ---- ProfileSession (the keys, for private notes) ----

  seal(plaintext: string, aad: string): Sealed {
    const acting = this.actingProfileId();
    const key = this.keyOf(acting);
    if (!key) {
      throw new EarmarkError(
        'not_allowed',
        'Set a passphrase on your profile before writing private notes: without one anybody at this workstation could open them.',
      );
    }
    return sealWith(key, plaintext, aad);
  }

  open(authorId: number, sealed: Sealed, aad: string): string {
    const acting = this.actingProfileIdOrNull();
    const key = acting === authorId ? this.keyOf(acting) : null;
    if (!key) {
      throw new EarmarkError(
        'not_allowed',
        `This private note can only be read by ${profileNameOf(this.db, authorId)}, with their profile unlocked.`,
      );
    }
    return openWith(key, sealed, aad, 'This private note').toString('utf8');
  }

  // ---- The profile service's operations ----

  /** Whether the current profile needs its passphrase before anyone can act as it. */
  currentLocked(): boolean {
    this.lockIfIdle();
    const current = currentProfileId(this.db);
    return current !== null && this.isLocked(current);
  }

  keyProtection(): KeyProtection {
    try {
      return this.protector.protection(this.dataDir);
    } catch (error) {
      // A listing must not fail over this; the unlock that needs the key will say what is wrong.
      this.log(`[earmark] could not check the workstation key: ${(error as Error).message}`);
      return { kind: 'key-file', warning: 'key-file-permissions' };
    }
  }

  /**
   * Makes `profileId` the current profile, locking whichever was unlocked. A passphrase profile needs its
   * passphrase (`locked` without, `not_allowed` when wrong or when tried too often).
   */
  select(profileId: number, passphrase: string | undefined): Promise<void> {
    return this.serially(async () => {
      const name = profileNameOf(this.db, profileId);
      if (!hasPassphrase(this.db, profileId)) return this.becomeCurrent(profileId, null);
      // Choosing the profile one already works as (a second window, a double click) needs nothing more.
      if (passphrase === undefined && !this.isLocked(profileId) && currentProfileId(this.db) === profileId)
        return;
      if (passphrase === undefined) throw this.lockedError(profileId);
      const key = await this.unwrap(profileId, name, passphrase);
      this.becomeCurrent(profileId, key);
    });
  }

  /** Makes a just-created profile (which has no passphrase yet) the current one. */
  created(profileId: number): void {
    this.becomeCurrent(profileId, null);
  }

  /** Forgets the current profile's key; it stays current and asks for its passphrase again. */
  lock(): Promise<void> {
    return this.serially(async () => this.forget());
  }

  /**
   * Sets or changes the current profile's passphrase. Setting a first one makes its key (and, on first
   * need, the workstation key); changing re-wraps the same key, so existing private notes stay readable.
   */
  setPassphrase(
    profileId: number,
    currentPassphrase: string | undefined,
    newPassphrase: string,
  ): Promise<void> {
    return this.serially(async () => {
      const name = profileNameOf(this.db, profileId);
      if (currentProfileId(this.db) !== profileId) {
        throw new EarmarkError(
          'not_allowed',
          `Only the current profile can set its passphrase: select ${name} first.`,
        );
      }
      const had = hasPassphrase(this.db, profileId);
      if (had && this.isLocked(profileId)) throw this.lockedError(profileId);
      if (had && currentPassphrase === undefined) {
        throw new EarmarkError(
          'invalid_params',
          `currentPassphrase: enter the current passphrase of ${name} to change it.`,
        );
      }
      const profileKey = had ? await this.unwrap(profileId, name, currentPassphrase ?? '') : newProfileKey();
      const workstationKey = had ? this.existingWorkstationKey(name) : this.workstationKeyForNewLock();
      const wrapped = await wrapProfileKey(
        profileKey,
        newPassphrase,
        workstationKey,
        workstationKeyId(workstationKey),
        wrapAad(profileId),
      );
      // Another call may have moved on while scrypt ran; the new lock only lands on the same state.
      if (currentProfileId(this.db) !== profileId) {
        profileKey.fill(0);
        throw new EarmarkError(
          'conflict',
          `Another profile was selected meanwhile; set the passphrase of ${name} again.`,
        );
      }
      writeWrappedKey(this.db, profileId, wrapped);
      this.replaceUnlocked({ profileId, key: profileKey });
      this.touch();
      this.changed();
    });
  }

  /**
   * Runs the idle lock first, so that a call after a quiet spell (even a polling one, such as
   * profile.list) already finds the profile locked; then counts the call as activity when the contract
   * says it is the person at work, not the renderer on its own.
   */
  noteCall(method: string): void {
    this.lockIfIdle();
    if (isMethodName(method) && methods[method].activity) this.touch();
  }

  /** Forgets every key held in memory and stops the idle timer (backend shut-down). */
  dispose(): void {
    this.replaceUnlocked(null);
    this.workstationKey?.fill(0);
    this.workstationKey = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  // ---- internals ----

  private isLocked(profileId: number): boolean {
    return hasPassphrase(this.db, profileId) && this.unlocked?.profileId !== profileId;
  }

  private keyOf(profileId: number): Buffer | null {
    return this.unlocked?.profileId === profileId ? this.unlocked.key : null;
  }

  private lockedError(profileId: number): EarmarkError {
    return profileLocked(profileNameOf(this.db, profileId));
  }

  private becomeCurrent(profileId: number, key: Buffer | null): void {
    writeCurrentProfile(this.db, profileId);
    this.replaceUnlocked(key ? { profileId, key } : null);
    this.failures.delete(profileId);
    this.touch();
    this.changed();
  }

  private forget(): void {
    this.replaceUnlocked(null);
    this.changed();
  }

  private replaceUnlocked(next: { profileId: number; key: Buffer } | null): void {
    if (this.unlocked && this.unlocked.key !== next?.key) this.unlocked.key.fill(0);
    this.unlocked = next;
  }

  private changed(): void {
    const currentId = currentProfileId(this.db);
    this.events.emit('profile.changed', {
      currentId,
      locked: currentId !== null && this.isLocked(currentId),
    });
  }

  /** Opens the profile's key with this passphrase, slowing down repeated wrong tries. */
  private async unwrap(profileId: number, name: string, passphrase: string): Promise<Buffer> {
    this.assertMayTry(profileId, name);
    const wrapped = readWrappedKey(this.db, profileId, name);
    if (!wrapped) throw new EarmarkError('conflict', `${name} has no passphrase.`);
    const workstationKey = this.existingWorkstationKey(name);
    if (wrapped.workstationKeyId !== workstationKeyId(workstationKey)) {
      throw new EarmarkError(
        'tampered',
        `The lock on ${name} was made with another workstation key: the data folder was copied from elsewhere or the key in ${keysDir(this.dataDir)} was replaced. Its private notes can only be opened with the original key.`,
      );
    }
    try {
      const key = await unwrapProfileKey(wrapped, passphrase, workstationKey, wrapAad(profileId), name);
      this.failures.delete(profileId);
      return key;
    } catch (error) {
      if (error instanceof EarmarkError && error.code === 'not_allowed') {
        const previous = this.failures.get(profileId)?.count ?? 0;
        this.failures.set(profileId, { count: previous + 1, at: this.now() });
      }
      throw error;
    }
  }

  /** After FREE_TRIES wrong passphrases, each try must wait 2^k seconds (at most 30) after the last wrong one. */
  private assertMayTry(profileId: number, name: string): void {
    const failed = this.failures.get(profileId);
    if (!failed || failed.count < FREE_TRIES) return;
    const waitMs = Math.min(MAX_WAIT_S, 2 ** (failed.count - FREE_TRIES + 1)) * 1000;
    const left = failed.at + waitMs - this.now();
    if (left > 0) {
      throw new EarmarkError(
        'not_allowed',
        `Too many wrong passphrases for ${name}: wait ${Math.ceil(left / 1000)} seconds and try again.`,
      );
    }
  }

  /** The key profiles were locked with; an error that says what happened when it is gone. */
  private existingWorkstationKey(name: string): Buffer {
    if (this.workstationKey) return this.workstationKey;
    const key = this.protector.load(this.dataDir);
    if (!key) {
      throw new EarmarkError(
        'tampered',
        `The workstation key is missing from ${keysDir(this.dataDir)}, so the lock on ${name} cannot be opened. Restore that folder from a backup of the data folder.`,
      );
    }
    this.workstationKey = key;
    return key;
  }

  /**
   * The key for a first passphrase, made now if there is none. Not made anew while other profiles are
   * locked with a missing key: their notes may come back when the key file is restored, and a new key
   * in its place would make that impossible.
   */
  private workstationKeyForNewLock(): Buffer {
    if (this.workstationKey) return this.workstationKey;
    const existing = this.protector.load(this.dataDir);
    if (!existing) {
      const stranded = profilesLockedWithOtherKey(this.db, null);
      if (stranded.length > 0) {
        throw new EarmarkError(
          'conflict',
          `The workstation key is missing from ${keysDir(this.dataDir)}, but ${stranded.join(', ')} were locked with it. Restore that folder from a backup of the data folder before setting new passphrases.`,
        );
      }
    }
    const key = existing ?? loadOrCreateWorkstationKey(this.protector, this.dataDir);
    if (!existing) this.log('[earmark] made a new workstation key for private notes');
    this.workstationKey = key;
    return key;
  }

  private lockIfIdle(): void {
    if (this.unlocked && this.now() - this.lastActivity >= this.idleLockMs) {
      this.log('[earmark] locked the current profile after a quiet spell');
      this.forget();
    }
  }

  private touch(): void {
    this.lastActivity = this.now();
    if (this.unlocked) this.armIdleTimer(this.idleLockMs);
  }

  /**
   * Locks on time even when no call comes (the screen showing private notes gets 'profile.changed' and
   * drops them). One timer, re-armed for the remaining time when activity moved the deadline.
   */
  private armIdleTimer(delayMs: number): void {
    if (this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.lockIfIdle();
      if (this.unlocked) this.armIdleTimer(Math.max(1000, this.lastActivity + this.idleLockMs - this.now()));
    }, delayMs);
    // The timer must never keep a closing backend (or a test run) alive.
    this.idleTimer.unref();
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Binds a wrapped key to its profile row, so a wrapped key copied onto another profile does not open. */
const wrapAad = (profileId: number) => `earmark:profile_keys:${profileId}`;
