import { parentPort, workerData } from 'node:worker_threads';
import { analyzeInThread, type AnalyzeInput, type RecordingAnalysis } from '../media/analyze';
import { reportFailure, type WorkerMessage } from './protocol';

/** Worker entry: decodes and analyses one recording (or a two-leg call), reporting progress in bytes. */
const post = (message: WorkerMessage<RecordingAnalysis>, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);

analyzeInThread(workerData as AnalyzeInput, (done, total) => post({ type: 'progress', done, total })).then(
  (result) =>
    // The peaks are moved, not copied: hours of audio make megabytes of them.
    post(
      { type: 'done', result },
      result.levels.flatMap((level) => level.channels.map((data) => data.buffer as ArrayBuffer)),
    ),
  (error: unknown) => post(reportFailure(error)),
);
