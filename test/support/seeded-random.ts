/**
 * Randomness a failure can be replayed from: one seed per run, taken from an environment variable when
 * set (to replay) and drawn afresh otherwise, so runs keep exploring; tests print it with every failure.
 */
export interface SeededRandom {
  readonly seed: number;
  /** The variable that replays this run, e.g. `EARMARK_KILL_SEED=123`. */
  readonly replay: string;
  /** A number in [0, 1), as Math.random gives. */
  next(): number;
}

/** mulberry32: small, fast, and the same sequence on every platform for the same 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The seed from `variable` when set (a whole number), else a fresh one. */
export function seededRandom(variable: string): SeededRandom {
  const given = process.env[variable];
  const seed = given === undefined || given === '' ? Math.floor(Math.random() * 2 ** 31) : Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`${variable} must be a whole number of 0 or more, not "${given}"`);
  }
  return { seed, replay: `${variable}=${seed}`, next: mulberry32(seed) };
}

/** Runs `work`; a failure's message ends with what replays the run, wherever in `work` it was thrown. */
export async function withReplay<T>(random: SeededRandom, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) error.message += `\n(replay: ${random.replay})`;
    throw error;
  }
}
