import { describe, expect, it } from 'vitest';
import { InOrder, Lanes, type Claims } from '../../../electron/backend/import/lanes';

/** Work that ends when the test says so, noting when it starts and ends. */
function controlled(log: string[], name: string) {
  let finish!: () => void;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await ended;
      log.push(`end ${name}`);
      return name;
    },
    finish,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const claims = (...names: string[]): Claims => new Set(names);

/** Starts each piece of work once `lanes` has room for it, in order, as the import worker does. */
async function feed(lanes: Lanes, items: { claims: Claims; work: () => Promise<string> }[]) {
  const results: Promise<string>[] = [];
  for (const item of items) {
    await lanes.room(item.claims);
    results.push(lanes.run(item.claims, item.work));
  }
  return results;
}

describe('files imported side by side', () => {
  it('runs at most as many files at once as there are lanes', async () => {
    const log: string[] = [];
    const files = ['a', 'b', 'c'].map((name) => controlled(log, name));
    const fed = feed(
      new Lanes(2),
      files.map((file, i) => ({ claims: claims(`hash ${i}`), work: file.work })),
    );
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    files[1]!.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    files[0]!.finish();
    files[2]!.finish();
    expect(await Promise.all(await fed)).toEqual(['a', 'b', 'c']);
  });

  it('never runs two files that claim the same thing together, nor one that must run alone', async () => {
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => controlled(log, name));
    const fed = feed(new Lanes(3), [
      { claims: claims('hash 1', 'agent anna'), work: a!.work },
      { claims: claims('hash 2', 'agent anna'), work: b!.work },
      { claims: null, work: c!.work },
      { claims: claims('hash 3'), work: d!.work },
    ]);
    await settle();
    expect(log).toEqual(['start a']);
    a!.finish();
    await settle();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b!.finish();
    await settle();
    // The one that runs alone waits for b, and d for it.
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c']);
    c!.finish();
    await settle();
    expect(log.at(-1)).toBe('start d');
    d!.finish();
    await Promise.all(await fed);
  });

  it('runs files with nothing in common side by side', async () => {
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => controlled(log, name));
    const lanes = new Lanes(3);
    const fed = feed(lanes, [
      { claims: claims('hash 1'), work: a!.work },
      { claims: claims('hash 2'), work: b!.work },
    ]);
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    a!.finish();
    b!.finish();
    await Promise.all(await fed);
    await lanes.idle();
  });

  it('refuses a width below one', () => {
    expect(() => new Lanes(0)).toThrow(/at least one lane/);
  });
});

describe('results in the order their work started', () => {
  it('hands results on in order, whatever order they end in, and skips the empty ones', async () => {
    const delivered: string[] = [];
    const order = new InOrder<string>(async (value) => {
      await settle();
      delivered.push(value);
    });
    const [first, second, third, fourth] = [order.take(), order.take(), order.take(), order.take()];
    order.put(third, 'c');
    order.put(second, null);
    await settle();
    expect(delivered).toEqual([]);
    order.put(first, 'a');
    order.put(fourth, 'd');
    await order.done();
    expect(delivered).toEqual(['a', 'c', 'd']);
  });

  it('stops handing on after a failure and reports it', async () => {
    const delivered: string[] = [];
    const order = new InOrder<string>(async (value) => {
      if (value === 'bad') throw new Error('the disk is full');
      delivered.push(value);
    });
    const [first, second, third] = [order.take(), order.take(), order.take()];
    order.put(first, 'a');
    order.put(second, 'bad');
    order.put(third, 'c');
    await expect(order.done()).rejects.toThrow('the disk is full');
    expect(order.failed).toBe(true);
    expect(delivered).toEqual(['a']);
  });
});
