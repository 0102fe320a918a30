import { EarmarkError } from '../../../shared/errors';
import { startWorker } from './location';
import { failureToError, type WorkerMessage } from './protocol';

export type WorkerName = 'analyze';

export interface RunOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Runs heavy work (decoding, peaks) off the calling thread, with progress and cancellation. */
export function runWorker<I, O>(name: WorkerName, input: I, options: RunOptions = {}): Promise<O> {
  if (options.signal?.aborted) return Promise.reject(cancelled());
  const worker = startWorker(name, { workerData: input });
  return new Promise<O>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      // Settle only once the thread has really stopped, so the caller may clean up its files at once.
      const stopped = worker.terminate();
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void stopped.finally(() => reject(cancelled()));
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: WorkerMessage<O>) => {
      if (settled) return;
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

function cancelled(): EarmarkError {
  return new EarmarkError('conflict', 'The operation was cancelled.');
}
