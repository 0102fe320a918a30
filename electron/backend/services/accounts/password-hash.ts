import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Team passwords, hashed with scrypt (memory-hard, in node:crypto, no dependency) and stored as
 * `scrypt$N$r$p$<salt base64>$<hash base64>`: the cost travels with each hash, so raising it later
 * still verifies old hashes, and a login with an old, cheaper one rehashes it (`needsRehash`).
 */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's scrypt setting of equal strength to N=2^17, r=8, p=1 (Password Storage Cheat Sheet), with half
 * the memory: 64 MiB and roughly a quarter of a second per login on an office server, so many people
 * logging in at nine o'clock do not exhaust the server's memory, while each guess stays as dear.
 */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 16, r: 8, p: 2 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/**
 * The bounds a stored cost must keep: a tampered row cannot make one login take gigabytes or minutes.
 * The floor is low enough for tests, which hash with a cheap cost on purpose (BackendOptions.passwordCost).
 */
const MIN_N = 2 ** 10;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/** The memory scrypt needs for a cost, plus node's working margin (its default maxmem is only 32 MiB). */
const memoryFor = (cost: ScryptCost) => 128 * cost.N * cost.r + 128 * cost.r * cost.p + 1024 * 1024;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: memoryFor(cost) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A new hash of `password` at `cost`, in the stored format. */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  checkCost(cost);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export interface Verified {
  readonly ok: boolean;
  /** Right password, but stored at another cost than today's: store a fresh hash. */
  readonly needsRehash: boolean;
}

/**
 * Whether `password` is the one `stored` was made from, compared in constant time. A stored value
 * that is not a hash this code made throws (a damaged row is a fault to log, not a wrong password).
 */
export async function verifyPassword(
  password: string,
  stored: string,
  cost: ScryptCost = PASSWORD_COST,
): Promise<Verified> {
  const parsed = parseStored(stored);
  const actual = await derive(password, parsed.salt, parsed.cost);
  const ok = actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
  const { N, r, p } = parsed.cost;
  return { ok, needsRehash: ok && (N !== cost.N || r !== cost.r || p !== cost.p) };
}

const dummies = new Map<string, Promise<string>>();

/**
 * The work of one verify at `cost`, against a hash of nothing anyone knows: run for a username that
 * does not exist, so the time of the answer does not tell who has an account.
 */
export async function dummyVerify(password: string, cost: ScryptCost = PASSWORD_COST): Promise<void> {
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword(randomBytes(18).toString('base64'), cost);
    dummies.set(key, dummy);
  }
  await verifyPassword(password, await dummy, cost);
}

const STORED = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function parseStored(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } {
  const match = STORED.exec(stored);
  if (!match) throw new Error('A stored password hash is not in the scrypt$N$r$p$salt$hash format.');
  const cost = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  checkCost(cost);
  const salt = Buffer.from(match[4]!, 'base64');
  const hash = Buffer.from(match[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) throw new Error('A stored password hash is too short to be one.');
  return { cost, salt, hash };
}

function checkCost(cost: ScryptCost): void {
  const { N, r, p } = cost;
  const powerOfTwo = Number.isInteger(N) && N >= MIN_N && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16)
    throw new Error(`The scrypt cost N=${N}, r=${r}, p=${p} is out of bounds.`);
  if (memoryFor(cost) > MAX_MEMORY_BYTES + 2 * 1024 * 1024)
    throw new Error(`The scrypt cost N=${N}, r=${r}, p=${p} needs more than 256 MiB.`);
}
