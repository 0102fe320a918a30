import { EarmarkError } from '../../../../shared/errors';

export const isEditConflict = (error: unknown): error is EarmarkError =>
  error instanceof EarmarkError && error.code === 'edit_conflict';

/** What is stored now, as the conflict dialog shows it: whose save, when, and the content itself. */
export interface Stored<T> {
  value: T;
  version: number;
  savedBy: string | null;
  savedAt: string | null;
}

/** A refused save: what is stored now, and what this place tried to save (kept to send again). */
export interface Conflict<T, P> {
  theirs: Stored<T>;
  mine: P;
  message: string;
}

export interface VersionedEditsOptions<T, P> {
  /** The version the editor's content was loaded at. */
  version: number;
  /** Reads what is stored now (after a refusal). */
  load: () => Promise<Stored<T>>;
  /** Folds a further refused change into the one kept (field-wise editors merge; whole-value ones replace). */
  merge?: (older: P, newer: P) => P;
  onConflict?: (conflict: Conflict<T, P> | null) => void;
}

/**
 * The optimistic version check as an editor sees it: every save is sent with the version this editor
 * last loaded or saved, and takes the version the save answers. A refusal (`edit_conflict`: saved
 * elsewhere meanwhile) reads what is stored now and holds both sides until the person chooses: see
 * theirs (the editor takes the stored content and version) or keep mine (the refused change is sent
 * again, now explicitly on the stored version, overwriting theirs). Nothing typed is dropped before that
 * choice. Framework-free, so the rule is tested without a window.
 */
export class VersionedEdits<T, P> {
  private base: number;
  private current: Conflict<T, P> | null = null;
  private readonly merge: (older: P, newer: P) => P;

  constructor(private readonly options: VersionedEditsOptions<T, P>) {
    this.base = options.version;
    this.merge = options.merge ?? ((_older, newer) => newer);
  }

  get version(): number {
    return this.base;
  }

  get conflict(): Conflict<T, P> | null {
    return this.current;
  }

  /** Sends `change` on the editor's version; a refusal is held as the conflict and rethrown. */
  async save<R extends { version: number }>(
    change: P,
    send: (change: P, version: number) => Promise<R>,
  ): Promise<R> {
    try {
      const saved = await send(change, this.base);
      this.base = saved.version;
      return saved;
    } catch (error) {
      if (!isEditConflict(error)) throw error;
      const theirs = await this.options.load();
      const mine = this.current ? this.merge(this.current.mine, change) : change;
      this.set({ theirs, mine, message: error.message });
      throw error;
    }
  }

  /** Takes what is stored: the editor shows it and saves on from its version. */
  seeTheirs(): T {
    const conflict = this.required();
    this.base = conflict.theirs.version;
    this.set(null);
    return conflict.theirs.value;
  }

  /** Keeps this place's change: it goes out again on the stored version, overwriting theirs. */
  keepMine(): P {
    const conflict = this.required();
    this.base = conflict.theirs.version;
    this.set(null);
    return conflict.mine;
  }

  /** The editor now holds what is stored at `version` (after publishing, discarding, reopening). */
  adopt(version: number): void {
    this.base = version;
  }

  private required(): Conflict<T, P> {
    if (!this.current) throw new Error('There is no conflict to resolve.');
    return this.current;
  }

  private set(conflict: Conflict<T, P> | null): void {
    this.current = conflict;
    this.options.onConflict?.(conflict);
  }
}
