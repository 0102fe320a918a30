import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/database';
import type { Query } from '../db/schema';

/**
 * How long a process's hold on a running batch lasts unless renewed (a third of it, while the batch
 * runs). A process killed outright stops renewing; this long after, its batch counts as abandoned.
 */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * Holds are timed by the computers' real clocks, not the backend's (tests set that one and stand it
 * still): they are about live processes, and servers of one team keep their clocks within a second
 * of each other, far under a hold's length.
 */
export const leaseEnd = (leaseMs: number): string => new Date(Date.now() + leaseMs).toISOString();
const realNow = (): string => new Date().toISOString();

/** This process's name in import_batches.owner: host and pid to find it, a random tail as pids come back. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Takes a queued batch for `owner` when `jobId` is still the job meant to carry it and nobody holds it (or
 * the holder stopped renewing). Of several processes asking at once, one gets it.
 */
export async function claimBatch(
  q: Query,
  batchId: number,
  jobId: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const now = realNow();
  const result = await q
    .updateTable('import_batches')
    .set({ owner, lease_until: leaseEnd(leaseMs) })
    .where('id', '=', batchId)
    .where('state', '=', 'running')
    .where('job_id', '=', jobId)
    .where((eb) =>
      eb.or([eb('owner', 'is', null), eb('lease_until', 'is', null), eb('lease_until', '<', now)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends `owner`'s hold; false when it no longer holds the batch (another process took it over). */
export async function renewHold(q: Query, batchId: number, owner: string, leaseMs: number): Promise<boolean> {
  const result = await q
    .updateTable('import_batches')
    .set({ lease_until: leaseEnd(leaseMs) })
    .where('id', '=', batchId)
    .where('state', '=', 'running')
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Queued batches whose holder stopped renewing its hold: killed, frozen or cut off from the database. */
export async function abandonedBatches(q: Query): Promise<number[]> {
  const rows = await q
    .selectFrom('import_batches')
    .select('id')
    .where('state', '=', 'running')
    .where('job_id', 'is not', null)
    .where('lease_until', '<', realNow())
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Gives a queued batch a new job, in the same transaction that frees it, so that it is never left
 * without one: when its holder hands it over (`owner`, shutting down) or its hold ran out (`lapsed`).
 * False when the condition no longer holds (another process got there first).
 */
export async function handOver(
  database: Database,
  batchId: number,
  from: { owner: string } | 'lapsed',
  enqueue: (trx: Query, jobId: string, batchId: number) => Promise<void>,
): Promise<boolean> {
  return database.transaction(async (trx) => {
    const jobId = randomUUID();
    let update = trx
      .updateTable('import_batches')
      .set({ owner: null, lease_until: null, job_id: jobId })
      .where('id', '=', batchId)
      .where('state', '=', 'running')
      .where('job_id', 'is not', null);
    update =
      from === 'lapsed'
        ? update.where('lease_until', '<', realNow())
        : update.where('owner', '=', from.owner);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await enqueue(trx, jobId, batchId);
    return true;
  });
}
