import { parentPort, workerData } from 'node:worker_threads';
import { coarsen, PeakBuilder, peakResolutions } from '../media/peaks';
import { readWavInfo } from '../media/wav';
import { readWavSamples } from '../media/wav-samples';
import { reportFailure, type WorkerMessage } from './protocol';

export interface PeaksInput {
  path: string;
}

export interface PeaksOutput {
  codec: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
  claimedDurationMs: number;
  levels: { samplesPerPeak: number; channels: Int16Array[] }[];
}

const post = (message: WorkerMessage<PeaksOutput>, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);

try {
  const { path } = workerData as PeaksInput;
  const info = readWavInfo(path);
  const [fine, ...coarser] = peakResolutions(info.sampleRate);
  const builder = new PeakBuilder(info.channels, fine!, info.frames);
  let lastReport = 0;
  readWavSamples(path, info, (samples, frames, framesDone) => {
    builder.add(samples, frames);
    if (framesDone - lastReport > info.sampleRate * 60) {
      lastReport = framesDone;
      post({ type: 'progress', done: framesDone, total: info.frames });
    }
  });
  const finest = builder.finish();
  const levels = [finest, ...coarser.map((spp) => coarsen(finest, spp / fine!))];
  const claimedFrames = Math.floor(info.claimedDataBytes / (info.bytesPerSample * info.channels));
  const result: PeaksOutput = {
    codec: info.encoding,
    sampleRate: info.sampleRate,
    channels: info.channels,
    durationMs: info.durationMs,
    claimedDurationMs: Math.round((claimedFrames * 1000) / info.sampleRate),
    levels,
  };
  post(
    { type: 'done', result },
    levels.flatMap((l) => l.channels.map((c) => c.buffer as ArrayBuffer)),
  );
} catch (error) {
  post(reportFailure(error));
}
