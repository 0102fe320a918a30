import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of each file, computed in a small worker of its own so it runs beside the decode on another
 * core. Hashing a 2-hour WAV (SHA-NI: ~1.7 GB/s) costs as much as reading and peak-scanning it, so done
 * in line it would double the import time of the commonest format. The worker is plain JavaScript
 * given as source text, so it needs no build entry and no TypeScript loader.
 */
const HASH_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
const digests = [];
for (const path of workerData.paths) {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    let got;
    while ((got = readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, got));
  } finally {
    closeSync(fd);
  }
  digests.push(hash.digest('hex'));
}
parentPort.postMessage(digests);
`;

export interface Hashing {
  /** The files' SHA-256 digests, in order, as lowercase hex. */
  digests: Promise<string[]>;
  /** Stops the worker if it is still running (the analysis failed first); safe to call when done. */
  cancel(): void;
}

export function hashFiles(paths: readonly string[]): Hashing {
  const worker = new Worker(HASH_WORKER_SOURCE, { eval: true, workerData: { paths } });
  const digests = new Promise<string[]>((resolve, reject) => {
    worker.once('message', (digests: string[]) => {
      resolve(digests);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`The hashing worker stopped unexpectedly (exit code ${code}).`)),
    );
  });
  digests.catch(() => {}); // awaited by the caller unless something failed first: never an unhandled rejection
  return { digests, cancel: () => void worker.terminate() };
}
