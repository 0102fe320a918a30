import { isMethodName, methods } from '../../../shared/api';
import type { KeyProtection } from '../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../shared/errors';
import type { Acting, ActorSource, ProfileSession, Sealed } from '../context';
import type { Database } from '../db/database';
import { prepared } from '../db/prepared';
import type { EventHub } from '../events';
import { noProfileChosen } from '../request';
import {
  currentProfileId,
  currentProfileQuery,
  profileLocked,
  profileNameOf,
  writeCurrentProfile,
} from '../services/profiles/profiles';
import { hasPassphrase, profilesLockedWithOtherKey, readWrappedKey, writeWrappedKey } from './key-store';
import { newProfileKey, unwrapProfileKey, wrapProfileKey } from './profile-key';
import { openWith, sealWith } from './seal';
import { profileKeyAad } from './team-note-key';
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
  database: Database;
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
  private readonly database: Database;
  private readonly dataDir: string;
  private readonly events: EventHub;
  private readonly log: (message: string) => void;
  private readonly protector: WorkstationKeyProtector;
  private readonly idleLockMs: number;
  private readonly now: () => number;

  private unlocked: { profileId: number; key: Buffer } | null = null;
  /**
   * Profiles this session has seen to have a passphrase (a passphrase is never removed, so this is never
   * wrong): sealing for one of them without its key says `locked` without reading the database.
   */
  private readonly passphraseSeen = new Set<number>();
  private workstationKey: Buffer | null = null;
  private lastActivity: number;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly failures = new Map<number, { count: number; at: number }>();
  /** Passphrase operations run one at a time: an unlock must not finish after a later lock. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SessionOptions) {
    this.database = options.database;
    this.dataDir = options.dataDir;
    this.events = options.events;
    this.log = options.log;
    this.protector = options.keyProtector ?? keyFileProtector;
    this.idleLockMs = options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS;
    this.now = options.clock ?? Date.now;
    this.lastActivity = this.now();
  }

  // ---- ActorSource (what the dispatch asks once per call) ----

  async acting(): Promise<Acting> {
    this.lockIfIdle();
    // Read afresh for each call, so a profile chosen or given a passphrase counts from the next call on
    // (and one locked in memory at once, below); one statement, compiled once.
    const [current] = (await currentProfile(this.q, {})).rows;
    if (!current) {
      return {
        actorId: null,
        lockedProfileId: null,
        refusal: noProfileChosen(),
      };
    }
    if (current.key_profile_id !== null) this.passphraseSeen.add(current.id);
    if (current.key_profile_id !== null && this.unlocked?.profileId !== current.id) {
      return { actorId: null, lockedProfileId: current.id, refusal: profileLocked(current.name) };
    }
    return { actorId: current.id };
  }

  /** The acting profile's id; `not_allowed` when none is chosen, `locked` when its passphrase is needed. */
  async actingProfileId(): Promise<number> {
    const acting = await this.acting();
    if (acting.actorId === null) throw acting.refusal;
    return acting.actorId;
  }

  /** The acting profile's id, or null when none is chosen or it is locked. */
  async actingProfileIdOrNull(): Promise<number | null> {
    return (await this.acting()).actorId;
  }

  // ---- ProfileSession (the keys, for private notes) ----

  seal(authorId: number, plaintext: string, aad: string): Sealed {
    this.lockIfIdle();
    const key = this.keyOf(authorId);
    if (!key && this.passphraseSeen.has(authorId)) {
      throw new EarmarkError(
        'locked',
        'Your profile is locked: enter its passphrase to write private notes.',
      );
    }
    if (!key) {
      throw new EarmarkError(
        'not_allowed',
        'Set a passphrase on your profile before writing private notes: without one anybody at this workstation could open them.',
      );
    }
    return sealWith(key, plaintext, aad);
  }

  open(readerId: number | null, author: { id: number; name: string }, sealed: Sealed, aad: string): string {
    this.lockIfIdle();
    const key = readerId === author.id ? this.keyOf(readerId) : null;
    if (!key) {
      throw new EarmarkError(
        'not_allowed',
        `This private note can only be read by ${author.name}, with their profile unlocked.`,
      );
    }
    return openWith(key, sealed, aad, 'This private note').toString('utf8');
  }

  // ---- The profile service's operations ----

  /**
   * Whether the current profile (`currentId`, read by the caller with the profiles that have a
   * passphrase) needs its passphrase before anyone can act as it.
   */
  lockedAmong(currentId: number | null, passphraseIds: ReadonlySet<number>): boolean {
    this.lockIfIdle();
    return currentId !== null && passphraseIds.has(currentId) && this.unlocked?.profileId !== currentId;
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
      const name = await profileNameOf(this.q, profileId);
      if (!(await hasPassphrase(this.q, profileId))) return this.becomeCurrent(profileId, null);
      // Choosing the profile one already works as (a second window, a double click) needs nothing more.
      if (
        passphrase === undefined &&
        !(await this.isLocked(profileId)) &&
        (await currentProfileId(this.q)) === profileId
      )
        return;
      if (passphrase === undefined) throw profileLocked(name);
      const key = await this.unwrap(profileId, name, passphrase);
      await this.becomeCurrent(profileId, key);
    });
  }

  /** Makes a just-created profile (which has no passphrase yet) the current one. */
  created(profileId: number): Promise<void> {
    return this.becomeCurrent(profileId, null);
  }

  /** Forgets the current profile's key; it stays current and asks for its passphrase again. */
  lock(): Promise<void> {
    return this.serially(async () => {
      this.replaceUnlocked(null);
      await this.changed();
    });
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
      const name = await profileNameOf(this.q, profileId);
      if ((await currentProfileId(this.q)) !== profileId) {
        throw new EarmarkError(
          'not_allowed',
          `Only the current profile can set its passphrase: select ${name} first.`,
        );
      }
      const had = await hasPassphrase(this.q, profileId);
      if (had && (await this.isLocked(profileId))) throw profileLocked(name);
      if (had && currentPassphrase === undefined) {
        throw new EarmarkError(
          'invalid_params',
          `currentPassphrase: enter the current passphrase of ${name} to change it.`,
        );
      }
      const profileKey = had ? await this.unwrap(profileId, name, currentPassphrase ?? '') : newProfileKey();
      const workstationKey = had ? this.existingWorkstationKey(name) : await this.workstationKeyForNewLock();
      const wrapped = await wrapProfileKey(
        profileKey,
        newPassphrase,
        workstationKey,
        workstationKeyId(workstationKey),
        profileKeyAad(profileId),
      );
      // Another call may have moved on while scrypt ran; the new lock only lands on the same state.
      if ((await currentProfileId(this.q)) !== profileId) {
        profileKey.fill(0);
        throw new EarmarkError(
          'conflict',
          `Another profile was selected meanwhile; set the passphrase of ${name} again.`,
        );
      }
      await writeWrappedKey(this.q, profileId, wrapped, new Date(this.now()).toISOString());
      this.passphraseSeen.add(profileId);
      this.replaceUnlocked({ profileId, key: profileKey });
      this.touch();
      await this.changed();
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

  /** The query layer outside a transaction: the session's reads and writes are one statement each. */
  private get q() {
    return this.database.query;
  }

  private async isLocked(profileId: number): Promise<boolean> {
    if (this.unlocked?.profileId === profileId) return false;
    const has = await hasPassphrase(this.q, profileId);
    if (has) this.passphraseSeen.add(profileId);
    return has;
  }

  private keyOf(profileId: number): Buffer | null {
    return this.unlocked?.profileId === profileId ? this.unlocked.key : null;
  }

  private async becomeCurrent(profileId: number, key: Buffer | null): Promise<void> {
    await writeCurrentProfile(this.q, profileId);
    this.replaceUnlocked(key ? { profileId, key } : null);
    this.failures.delete(profileId);
    this.touch();
    await this.changed();
  }

  private replaceUnlocked(next: { profileId: number; key: Buffer } | null): void {
    if (this.unlocked && this.unlocked.key !== next?.key) this.unlocked.key.fill(0);
    this.unlocked = next;
  }

  private async changed(): Promise<void> {
    const currentId = await currentProfileId(this.q);
    this.events.emit('profile.changed', {
      currentId,
      locked: currentId !== null && (await this.isLocked(currentId)),
    });
  }

  /** Opens the profile's key with this passphrase, slowing down repeated wrong tries. */
  private async unwrap(profileId: number, name: string, passphrase: string): Promise<Buffer> {
    this.assertMayTry(profileId, name);
    const wrapped = await readWrappedKey(this.q, profileId, name);
    if (!wrapped) throw new EarmarkError('conflict', `${name} has no passphrase.`);
    const workstationKey = this.existingWorkstationKey(name);
    if (wrapped.workstationKeyId !== workstationKeyId(workstationKey)) {
      throw new EarmarkError(
        'tampered',
        `The lock on ${name} was made with another workstation key: the data folder was copied from elsewhere or the key in ${keysDir(this.dataDir)} was replaced. Its private notes can only be opened with the original key.`,
      );
    }
    try {
      const key = await unwrapProfileKey(wrapped, passphrase, workstationKey, profileKeyAad(profileId), name);
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
  private async workstationKeyForNewLock(): Promise<Buffer> {
    if (this.workstationKey) return this.workstationKey;
    const existing = this.protector.load(this.dataDir);
    if (!existing) {
      const stranded = await profilesLockedWithOtherKey(this.q, null);
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
      // Said at once (not after a read), so the screens drop private notes before any reply: the
      // unlocked profile is always the current one, and it has a passphrase.
      const currentId = this.unlocked.profileId;
      this.replaceUnlocked(null);
      this.events.emit('profile.changed', { currentId, locked: true });
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

/** Who acts, asked before every call: see currentProfileQuery. */
const currentProfile = prepared((q) => currentProfileQuery(q));
