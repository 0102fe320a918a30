import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EarmarkError } from '../../../shared/errors';
import { failureToError, type WorkerMessage } from './protocol';

export type WorkerName = 'peaks';

export interface RunOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

// Built: every entry and chunk sits flat in out/main, beside `<name>.worker.js`.
// From source (tests): the workers are TypeScript beside this file and run through tsx.
const here = dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');

/** Runs heavy work (decoding, peaks) off the calling thread, with progress and cancellation. */
export function runWorker<I, O>(name: WorkerName, input: I, options: RunOptions = {}): Promise<O> {
  const worker = fromSource
    ? new Worker(tsxBootstrap(join(here, `${name}.worker.ts`)), { eval: true, workerData: input })
    : new Worker(join(here, `${name}.worker.js`), { workerData: input });
  return new Promise<O>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      void worker.terminate();
      settle(() => reject(new EarmarkError('conflict', 'The operation was cancelled.')));
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: WorkerMessage<O>) => {
      if (message.type === 'progress') options.onProgress?.(message.done, message.total);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(failureToError(message)));
      if (message.type !== 'progress') void worker.terminate();
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`The ${name} worker stopped unexpectedly (exit code ${code}).`))),
    );
  });
}

/** Worker code that registers tsx's loader in the new thread, then runs the TypeScript worker. */
function tsxBootstrap(file: string): string {
  return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
}
