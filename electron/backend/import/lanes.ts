/**
 * Files imported side by side, each in its own transaction on its own connection: on PostgreSQL one
 * connection's server process can index only one file's search words at a time (a core's worth), so a
 * batch of many chat exports runs a few at once. Two files that could meet in the library (the same
 * chat content, the same external id, a new agent both name) never run together: the second waits for
 * the first to commit and then finds what it added, as it would one file after the other.
 */

/** What a file's import touches that another file's could too; null: it runs alone (calls, details). */
export type Claims = ReadonlySet<string> | null;

export class Lanes {
  /** Work running now, by the promise that settles when it ends, with what it claims. */
  private readonly running = new Map<Promise<void>, Claims>();

  constructor(readonly width: number) {
    if (!Number.isInteger(width) || width < 1)
      throw new Error(`A batch needs at least one lane, not ${width}.`);
  }

  /** Resolves once work with these claims may start beside what runs now. */
  async room(claims: Claims): Promise<void> {
    while (this.blocked(claims)) await Promise.race(this.running.keys());
  }

  /** Starts `work` (after `room` said it may) and returns its result. */
  run<T>(claims: Claims, work: () => Promise<T>): Promise<T> {
    const result = work();
    const ended: Promise<void> = result.then(
      () => void this.running.delete(ended),
      () => void this.running.delete(ended),
    );
    this.running.set(ended, claims);
    return result;
  }

  /** Resolves when nothing runs. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.keys());
  }

  private blocked(claims: Claims): boolean {
    if (this.running.size === 0) return false;
    if (claims === null || this.running.size >= this.width) return true;
    for (const other of this.running.values()) {
      if (other === null) return true;
      for (const claim of claims) if (other.has(claim)) return true;
    }
    return false;
  }
}

/**
 * Results handed on in the order their work was started, whatever order it ends in: a batch's outcome
 * rows and progress read as if its files had been imported one after the other.
 */
export class InOrder<T> {
  private readonly slots: { value?: T | null; ready: boolean }[] = [];
  private next = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(private readonly deliver: (value: T) => Promise<void>) {}

  /** A place in the order, taken when the work starts. */
  take(): number {
    this.slots.push({ ready: false });
    return this.slots.length - 1;
  }

  /** The work in place `at` ended with `value` (null: nothing to hand on, e.g. stopped by a cancel). */
  put(at: number, value: T | null): void {
    this.slots[at] = { value, ready: true };
    this.chain = this.chain.then(() => this.flush());
    // Kept for done(); the chain stops delivering after the first failure.
    this.chain.catch((error: unknown) => (this.failure ??= { error }));
  }

  /** Whether handing on has failed (the batch should stop starting work). */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** Resolves when everything put so far is handed on; rejects with the first failure to hand on. */
  async done(): Promise<void> {
    await this.chain;
  }

  private async flush(): Promise<void> {
    while (this.next < this.slots.length && this.slots[this.next]!.ready) {
      const { value } = this.slots[this.next]!;
      this.slots[this.next] = { ready: true }; // let the value go
      this.next++;
      if (value !== null && value !== undefined) await this.deliver(value);
    }
  }
}
