import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeInput } from '../media/analyze';
import type { PartWorkerInput } from '../media/mp3-split';
import { reportFailure, type WorkerMessage } from './protocol';

/**
 * Worker entry: decodes and analyses one recording (or a two-leg call), reporting progress in bytes.
 * The same entry decodes one part of an MP3 for an analysis split across threads (media/mp3-split),
 * so that the build needs no entry of its own for it; each loads only the code it runs, as a part's
 * thread start is part of the time it saves.
 */
const post = <T>(message: WorkerMessage<T>, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);
const input = workerData as AnalyzeInput | PartWorkerInput;

async function run(): Promise<void> {
  if ('mp3Part' in input) {
    const { decodePart } = await import('../media/mp3-split/part');
    const result = await decodePart(input.mp3Part);
    const seams = [...(result.head ?? []), ...(result.overrun ?? [])];
    post({ type: 'done', result }, [
      ...result.channels.map((data) => data.buffer as ArrayBuffer),
      ...new Set(seams.map((data) => data.buffer as ArrayBuffer)),
    ]);
    return;
  }
  const { analyzeInThread } = await import('../media/analyze');
  const result = await analyzeInThread(input, (done, total) => post({ type: 'progress', done, total }));
  // The peaks are moved, not copied: hours of audio make megabytes of them.
  post(
    { type: 'done', result },
    result.levels.flatMap((level) => level.channels.map((data) => data.buffer as ArrayBuffer)),
  );
}

run().catch((error: unknown) => post(reportFailure(error)));
