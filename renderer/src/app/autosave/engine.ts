import { EarmarkError } from '../../../../shared/errors';

/**
 * idle: nothing changed since the editor opened; pending: changes wait for the typing to pause;
 * saving: a save is on its way; saved: every change is on disk; error: the last save failed (its
 * changes are kept and go out with the next save).
 */
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveStatus {
  state: SaveState;
  /** Why the last save failed; kept until a save succeeds, so a failure never flashes past unseen. */
  error: string | null;
  /** The backend's error code of that failure (`edit_conflict`: saved elsewhere meanwhile), if it gave one. */
  errorCode: string | null;
  /** A failed save will be tried again by itself (the backend was busy or out of reach). */
  retrying: boolean;
}

export const initialStatus: AutosaveStatus = { state: 'idle', error: null, errorCode: null, retrying: false };

export interface AutosaveOptions<C> {
  /** Writes a batch of changes; resolves once they are on disk. */
  save: (changes: C) => Promise<unknown>;
  /**
   * Folds a newer change into older unsaved ones. The default keeps only the newer (an editor that
   * saves its whole value); field-wise editors merge so no field's change is dropped.
   */
  merge?: (older: C, newer: C) => C;
  /** Saved this long after the last change… */
  delayMs?: number;
  /** …but never later than this after the first unsaved one, however long the typing goes on. */
  maxWaitMs?: number;
  /** Waits before trying a failed save again: the first, doubled on each further failure, up to the most. */
  retry?: { firstMs: number; maxMs: number };
  /**
   * Whether a failure may pass by itself, so trying again makes sense. By default: anything that is
   * not the backend's considered refusal (a network failure, an internal error such as a busy
   * database). A refusal (the evaluation was submitted elsewhere, the text is too long) is shown and
   * waits for the next change instead.
   */
  isTransient?: (error: unknown) => boolean;
  onStatus?: (status: AutosaveStatus) => void;
}

export const DEFAULT_DELAY_MS = 500;
export const DEFAULT_RETRY = { firstMs: 1000, maxMs: 30_000 };

export const isTransientFailure = (error: unknown): boolean =>
  !(error instanceof EarmarkError) || error.code === 'internal';

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * The one autosave of the app: the evaluation form, the rubric editor, coaching sessions and moment
 * comments all save through it. Changes are debounced and merged; at most one save is in flight, and
 * changes made meanwhile wait and go out in the next one, so saves arrive in the order they were
 * made and nothing typed during a save is lost. A failed save keeps its changes (newer edits of the
 * same field win) and is retried with backoff while the failure may pass. Framework-free, so its
 * timing is tested with a fake clock; `useAutosave` is the React side.
 */
export class Autosave<C> {
  private pending: { changes: C } | null = null;
  private firstUnsavedAt = 0;
  private inFlight: Promise<Outcome> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The timer is a retry's backoff: further typing does not bring the retry forward. */
  private backingOff = false;
  /** The save was due (its timer went off, or a flush asked) while another was in flight. */
  private due = false;
  private failures = 0;
  /** Counts cancels: a save that fails after its changes were cancelled is not brought back. */
  private epoch = 0;
  private current: AutosaveStatus = initialStatus;
  private readonly merge: (older: C, newer: C) => C;
  private readonly delayMs: number;
  private readonly maxWaitMs: number;
  private readonly retry: { firstMs: number; maxMs: number };
  private readonly isTransient: (error: unknown) => boolean;

  private save: (changes: C) => Promise<unknown>;

  constructor(private readonly options: AutosaveOptions<C>) {
    this.save = options.save;
    this.merge = options.merge ?? ((_older, newer) => newer);
    this.delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
    this.maxWaitMs = options.maxWaitMs ?? Infinity;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.isTransient = options.isTransient ?? isTransientFailure;
  }

  /** Saves through another function from now on (a React editor's `save` is new on every render). */
  saveWith(save: (changes: C) => Promise<unknown>): void {
    this.save = save;
  }

  get status(): AutosaveStatus {
    return this.current;
  }

  /** Whether anything is not yet on disk (waiting or on its way). */
  get unsaved(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** Records a change; `now` saves it without waiting for the typing to pause (a click, not a key). */
  change(changes: C, { now = false }: { now?: boolean } = {}): void {
    if (this.pending) this.pending = { changes: this.merge(this.pending.changes, changes) };
    else {
      this.pending = { changes };
      this.firstUnsavedAt = Date.now();
    }
    if (!this.inFlight && this.current.state !== 'error') this.report({ state: 'pending' });
    if (this.backingOff) return; // the retry takes this change along
    const wait = now ? 0 : Math.min(this.delayMs, this.firstUnsavedAt + this.maxWaitMs - Date.now());
    this.arm(Math.max(0, wait));
  }

  /**
   * Saves everything now and resolves once all of it is on disk (closing a session, submitting, the
   * page going away); rejects with the failure when a save fails, its changes still kept for a retry.
   */
  async flush(): Promise<void> {
    this.disarm();
    while (this.inFlight || this.pending) {
      const outcome = await (this.inFlight ?? this.start());
      if (!outcome.ok) throw outcome.error;
    }
  }

  /**
   * Forgets changes not yet sent (the editor went back to what is stored, or what it edits is being
   * thrown away); resolves once a save already on its way has landed.
   */
  async cancel(): Promise<void> {
    this.disarm();
    this.pending = null;
    this.failures = 0;
    this.epoch += 1;
    if (this.inFlight) await this.inFlight;
    else
      this.report({
        state: this.current.state === 'idle' ? 'idle' : 'saved',
        error: null,
        errorCode: null,
        retrying: false,
      });
  }

  /** The editor is going away: whatever is left is saved now (and retried if that fails). */
  dispose(): void {
    void this.flush().catch(() => {});
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.timeUp(), ms);
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.backingOff = false;
  }

  private timeUp(): void {
    this.backingOff = false;
    if (this.inFlight) this.due = true;
    else if (this.pending) void this.start();
  }

  private start(): Promise<Outcome> {
    const batch = this.pending!.changes;
    const since = this.firstUnsavedAt;
    const epoch = this.epoch;
    this.pending = null;
    this.due = false;
    this.report({ state: 'saving' });
    let saving: Promise<unknown>;
    try {
      // Called at once, not a tick later: the save reads who is acting and what is edited now.
      saving = Promise.resolve(this.save(batch));
    } catch (error) {
      saving = Promise.reject(error);
    }
    const run = saving.then(
      (): Outcome => {
        this.inFlight = null;
        this.failures = 0;
        this.settle();
        return { ok: true };
      },
      (error: unknown): Outcome => {
        this.inFlight = null;
        if (epoch !== this.epoch) {
          // Cancelled while on its way: these changes were given up, so there is nothing to keep.
          this.settle();
          return { ok: true };
        }
        this.failures += 1;
        // The failed batch goes back under whatever changed since: the newer value of a field wins.
        this.pending = { changes: this.pending ? this.merge(batch, this.pending.changes) : batch };
        this.firstUnsavedAt = since;
        const transient = this.isTransient(error);
        this.report({
          state: 'error',
          error: messageOf(error),
          errorCode: error instanceof EarmarkError ? error.code : null,
          retrying: transient,
        });
        if (transient) {
          const backoff = Math.min(this.retry.maxMs, this.retry.firstMs * 2 ** (this.failures - 1));
          this.arm(backoff);
          this.backingOff = true;
        } else if (this.due) void this.start(); // newer changes were waiting: they may fix it
        return { ok: false, error };
      },
    );
    this.inFlight = run;
    return run;
  }

  /** After a save: on to the next one if it is due, else say what is left. */
  private settle(): void {
    const next = this.pending !== null && this.due;
    this.report({
      state: next ? 'saving' : this.pending ? 'pending' : 'saved',
      error: null,
      errorCode: null,
      retrying: false,
    });
    if (next) void this.start();
  }

  private report(change: Partial<AutosaveStatus>): void {
    const next = { ...this.current, ...change };
    if (
      next.state === this.current.state &&
      next.error === this.current.error &&
      next.errorCode === this.current.errorCode &&
      next.retrying === this.current.retrying
    )
      return;
    this.current = next;
    this.options.onStatus?.(next);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The parts of `window` and `document` that tell the page is going away; fakes in tests. */
export interface PageEvents {
  window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  document: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { visibilityState: string };
}

/**
 * Saves at once when the page is hidden (another window in front, the app minimised) or unloaded
 * (closed, reloaded): the last moment a save can still reach the backend. Returns the unsubscribe.
 */
export function flushWhenPageHides(
  flush: () => Promise<void>,
  page: PageEvents = { window, document },
): () => void {
  const onPageHide = () => void flush().catch(() => {});
  const onVisibility = () => {
    if (page.document.visibilityState === 'hidden') onPageHide();
  };
  page.window.addEventListener('pagehide', onPageHide);
  page.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    page.window.removeEventListener('pagehide', onPageHide);
    page.document.removeEventListener('visibilitychange', onVisibility);
  };
}
