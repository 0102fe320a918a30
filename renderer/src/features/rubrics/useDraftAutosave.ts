import { useEffect, useState } from 'react';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

const RETRY_MS = 2000;

/** Saves only the newest value, one save at a time; a failed save is retried with whatever is newest then. */
class LatestValueSaver<T> {
  private next: { value: T } | null = null;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly save: (value: T) => Promise<unknown>,
    private readonly report: (state: SaveState) => void,
    private readonly delayMs: number,
  ) {}

  schedule(value: T): void {
    this.next = { value };
    this.report(this.running ? 'saving' : 'pending');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Forgets a change not yet sent (the editor was reset to what the backend has). */
  cancel(): void {
    clearTimeout(this.timer);
    this.next = null;
    if (!this.running) this.report('saved');
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.running) return; // the running save goes on with the newest value when it is done
    this.running = true;
    try {
      while (this.next) {
        const { value } = this.next;
        this.next = null;
        this.report('saving');
        try {
          await this.save(value);
        } catch {
          this.next ??= { value };
          this.report('failed');
          this.timer = setTimeout(() => void this.flush(), RETRY_MS);
          return;
        }
      }
      this.report('saved');
    } finally {
      this.running = false;
    }
  }
}

/**
 * Saves the latest value `delayMs` after the last change, and at once when the editor goes away or the
 * page is hidden. Only the newest value is ever sent: the rubric draft is saved whole.
 */
export function useDraftAutosave<T>(save: (value: T) => Promise<unknown>, delayMs = 500) {
  const [state, setState] = useState<SaveState>('saved');
  const [saver] = useState(() => new LatestValueSaver(save, setState, delayMs));
  useEffect(() => {
    const onHide = () => void saver.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void saver.flush();
    };
  }, [saver]);
  return {
    state,
    schedule: (value: T) => saver.schedule(value),
    flush: () => saver.flush(),
    cancel: () => saver.cancel(),
  };
}
