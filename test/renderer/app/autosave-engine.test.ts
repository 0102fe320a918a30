import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Autosave,
  flushWhenPageHides,
  type AutosaveOptions,
  type AutosaveStatus,
  type SaveState,
} from '../../../renderer/src/app/autosave/engine';
import { EarmarkError } from '../../../shared/errors';

type Fields = Record<string, string>;

/**
 * A backend whose saves land when the test says so: each call is recorded with what it was given,
 * and waits until `land()` or `fail()`; with `autoLand` every save lands at once.
 */
function fakeBackend({ autoLand = false } = {}) {
  const calls: { changes: Fields; land: () => void; fail: (error: unknown) => void }[] = [];
  const save = (changes: Fields) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ changes, land: resolve, fail: reject });
      if (autoLand) resolve();
    });
  return {
    save,
    calls,
    saved: () => calls.map((call) => call.changes),
    last: () => calls.at(-1)!,
  };
}

function engineWith(
  save: (changes: Fields) => Promise<unknown>,
  options: Partial<AutosaveOptions<Fields>> = {},
) {
  const states: SaveState[] = [];
  let status: AutosaveStatus | null = null;
  const engine = new Autosave<Fields>({
    save,
    merge: (older, newer) => ({ ...older, ...newer }),
    delayMs: 300,
    onStatus: (next) => {
      status = next;
      states.push(next.state);
    },
    ...options,
  });
  return { engine, states, status: () => status ?? engine.status };
}

const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const transient = () => new TypeError('Failed to fetch');
const refused = () => new EarmarkError('conflict', 'The evaluation was submitted in another window.');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('debounce', () => {
  it('saves once, a delay after the last change, with every change in it', async () => {
    const backend = fakeBackend({ autoLand: true });
    const { engine, states } = engineWith(backend.save);
    expect(engine.status.state).toBe('idle');
    engine.change({ comment: 'T' });
    await elapse(200);
    engine.change({ comment: 'Th' });
    await elapse(200);
    engine.change({ outcome: 'Agreed' });
    await elapse(299);
    expect(backend.calls).toHaveLength(0);
    expect(engine.status.state).toBe('pending');
    await elapse(1);
    expect(backend.saved()).toEqual([{ comment: 'Th', outcome: 'Agreed' }]);
    expect(states).toEqual(['pending', 'saving', 'saved']);
  });

  it('never waits longer than the most after the first unsaved change while typing goes on', async () => {
    const backend = fakeBackend({ autoLand: true });
    const { engine } = engineWith(backend.save, { delayMs: 300, maxWaitMs: 800 });
    let text = '';
    for (let key = 0; key < 10; key++) {
      text += 'x';
      engine.change({ comment: text });
      await elapse(200);
      if (backend.calls.length > 0) break;
    }
    // Keys at 0, 200, 400, 600 ms: the save goes at 800 ms though the typing has not paused.
    expect(backend.saved()).toEqual([{ comment: 'xxxx' }]);
  });

  it('saves a change made `now` (a click) without waiting for the typing to pause', async () => {
    const backend = fakeBackend({ autoLand: true });
    const { engine } = engineWith(backend.save);
    engine.change({ greeting: 'yes' }, { now: true });
    await elapse(0);
    expect(backend.saved()).toEqual([{ greeting: 'yes' }]);
  });

  it('by default keeps only the newest value (an editor that saves its whole value)', async () => {
    const backend = fakeBackend({ autoLand: true });
    const engine = new Autosave<Fields>({ save: backend.save, delayMs: 300 });
    engine.change({ name: 'Billing', sections: '1' });
    engine.change({ name: 'Billing calls' });
    await elapse(300);
    expect(backend.saved()).toEqual([{ name: 'Billing calls' }]);
  });
});

describe('one save in flight', () => {
  it('holds changes made during a save and sends them, merged, once it has landed', async () => {
    const backend = fakeBackend();
    const { engine, states } = engineWith(backend.save);
    engine.change({ comment: 'first' });
    await elapse(300);
    expect(backend.calls).toHaveLength(1);

    engine.change({ comment: 'second' });
    engine.change({ outcome: 'agreed' });
    await elapse(5_000); // the debounce is long over; the save is still on its way
    expect(backend.calls).toHaveLength(1);
    expect(engine.status.state).toBe('saving');

    backend.last().land();
    await elapse(0);
    expect(backend.saved()).toEqual([{ comment: 'first' }, { comment: 'second', outcome: 'agreed' }]);
    backend.last().land();
    await elapse(0);
    expect(engine.status.state).toBe('saved');
    expect(states).toEqual(['pending', 'saving', 'saved']);
  });

  it('waits for the typing to pause after a save that landed early', async () => {
    const backend = fakeBackend();
    const { engine } = engineWith(backend.save);
    engine.change({ comment: 'a' });
    await elapse(300);
    engine.change({ comment: 'ab' });
    backend.last().land();
    await elapse(0);
    expect(backend.calls).toHaveLength(1);
    expect(engine.status.state).toBe('pending');
    await elapse(300);
    expect(backend.saved()).toEqual([{ comment: 'a' }, { comment: 'ab' }]);
  });

  it('loses no edit made during a save that fails: both go out in the retry, newer fields winning', async () => {
    const backend = fakeBackend();
    const { engine } = engineWith(backend.save);
    engine.change({ comment: 'old', outcome: 'kept' });
    await elapse(300);
    engine.change({ comment: 'new' });
    backend.last().fail(transient());
    await elapse(0);
    expect(engine.status).toMatchObject({ state: 'error', retrying: true });
    await elapse(1000);
    expect(backend.saved()).toEqual([
      { comment: 'old', outcome: 'kept' },
      { comment: 'new', outcome: 'kept' },
    ]);
    backend.last().land();
    await elapse(0);
    expect(engine.status).toEqual({ state: 'saved', error: null, errorCode: null, retrying: false });
  });
});

describe('retry', () => {
  it('retries a save that may succeed later with growing waits, keeping the error visible', async () => {
    const backend = fakeBackend();
    const { engine, status } = engineWith(backend.save, { retry: { firstMs: 1000, maxMs: 4000 } });
    engine.change({ comment: 'Refund promised' });
    await elapse(300);
    const attemptTimes: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      attemptTimes.push(Date.now());
      backend.last().fail(transient());
      await elapse(0);
      expect(status()).toEqual({ state: 'error', error: 'Failed to fetch', errorCode: null, retrying: true });
      const before = backend.calls.length;
      // Typing during the wait neither hides the error nor brings the retry forward.
      engine.change({ comment: `Refund promised ${attempt}` });
      await vi.advanceTimersToNextTimerAsync();
      expect(backend.calls).toHaveLength(before + 1);
    }
    expect(backend.calls).toHaveLength(5);
    expect(Date.now() - attemptTimes[0]!).toBe(1000 + 2000 + 4000 + 4000);
    expect(backend.last().changes).toEqual({ comment: 'Refund promised 3' });
    backend.last().land();
    await elapse(0);
    expect(status()).toEqual({ state: 'saved', error: null, errorCode: null, retrying: false });
  });

  it('does not retry what the backend refused; the next change tries again', async () => {
    const backend = fakeBackend();
    const { engine, status } = engineWith(backend.save);
    engine.change({ comment: 'x'.repeat(20) });
    await elapse(300);
    backend.last().fail(refused());
    await elapse(60_000);
    expect(backend.calls).toHaveLength(1);
    expect(status()).toEqual({
      state: 'error',
      error: 'The evaluation was submitted in another window.',
      errorCode: 'conflict',
      retrying: false,
    });
    engine.change({ comment: 'shorter' });
    expect(status().state).toBe('error');
    await elapse(300);
    expect(backend.saved()).toEqual([{ comment: 'x'.repeat(20) }, { comment: 'shorter' }]);
    backend.last().land();
    await elapse(0);
    expect(status().state).toBe('saved');
  });

  it('treats an internal error (a busy database) as passing, and any other refusal as final', async () => {
    const backend = fakeBackend();
    const { engine, status } = engineWith(backend.save);
    engine.change({ comment: 'a' });
    await elapse(300);
    backend.last().fail(new EarmarkError('internal', 'database is locked'));
    await elapse(0);
    expect(status().retrying).toBe(true);
    await elapse(1000);
    backend.last().fail(new EarmarkError('not_found', 'id: there is no moment with id 7.'));
    await elapse(0);
    expect(status().retrying).toBe(false);
  });
});

describe('flush', () => {
  it('saves at once and resolves when everything is on disk', async () => {
    const backend = fakeBackend({ autoLand: true });
    const { engine } = engineWith(backend.save);
    engine.change({ outcome: 'Agreed to follow up' });
    await engine.flush();
    expect(backend.saved()).toEqual([{ outcome: 'Agreed to follow up' }]);
    expect(engine.status.state).toBe('saved');
    await elapse(1000);
    expect(backend.calls).toHaveLength(1); // the debounce timer went with the flush
  });

  it('waits for the save in flight and then sends what came after it', async () => {
    const backend = fakeBackend();
    const { engine } = engineWith(backend.save);
    engine.change({ comment: 'one' });
    await elapse(300);
    engine.change({ comment: 'two' });
    let done = false;
    const flushed = engine.flush().then(() => (done = true));
    await elapse(0);
    expect(backend.calls).toHaveLength(1);
    backend.last().land();
    await elapse(0);
    expect(backend.saved()).toEqual([{ comment: 'one' }, { comment: 'two' }]);
    expect(done).toBe(false);
    backend.last().land();
    await flushed;
    expect(engine.unsaved).toBe(false);
  });

  it('rejects with the failure and keeps the changes for the retry', async () => {
    const backend = fakeBackend();
    const { engine } = engineWith(backend.save);
    engine.change({ outcome: 'Agreed' });
    const flushed = engine.flush();
    backend.last().fail(transient());
    await expect(flushed).rejects.toThrow('Failed to fetch');
    expect(engine.unsaved).toBe(true);
    await elapse(1000);
    expect(backend.saved()).toEqual([{ outcome: 'Agreed' }, { outcome: 'Agreed' }]);
  });

  it('happens when the page is hidden or unloaded, not when it comes back', async () => {
    const backend = fakeBackend({ autoLand: true });
    const { engine } = engineWith(backend.save);
    const windowEvents = new EventTarget();
    const documentEvents = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const stop = flushWhenPageHides(() => engine.flush(), { window: windowEvents, document: documentEvents });

    engine.change({ comment: 'switching windows' });
    documentEvents.dispatchEvent(new Event('visibilitychange'));
    await elapse(0);
    expect(backend.calls).toHaveLength(0);
    documentEvents.visibilityState = 'hidden';
    documentEvents.dispatchEvent(new Event('visibilitychange'));
    await elapse(0);
    expect(backend.saved()).toEqual([{ comment: 'switching windows' }]);

    engine.change({ comment: 'closing the window' });
    windowEvents.dispatchEvent(new Event('pagehide'));
    await elapse(0);
    expect(backend.calls).toHaveLength(2);

    stop();
    engine.change({ comment: 'after' });
    windowEvents.dispatchEvent(new Event('pagehide'));
    await elapse(0);
    expect(backend.calls).toHaveLength(2);
  });

  it('happens when the editor goes away (dispose)', async () => {
    const backend = fakeBackend({ autoLand: true });
    const { engine } = engineWith(backend.save);
    engine.change({ comment: 'left the page' });
    engine.dispose();
    await elapse(0);
    expect(backend.saved()).toEqual([{ comment: 'left the page' }]);
  });
});

describe('cancel', () => {
  it('forgets unsent changes, and a save already on its way that fails is not brought back', async () => {
    const backend = fakeBackend();
    const { engine } = engineWith(backend.save);
    engine.change({ name: 'sent' });
    await elapse(300);
    engine.change({ name: 'unsent' });
    const cancelled = engine.cancel();
    backend.last().fail(transient());
    await cancelled;
    await elapse(60_000);
    expect(backend.saved()).toEqual([{ name: 'sent' }]);
    expect(engine.status).toEqual({ state: 'saved', error: null, errorCode: null, retrying: false });
  });
});
