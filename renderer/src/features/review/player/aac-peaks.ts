import type { Recording } from '../../../../../shared/api';
import { MAX_PEAKS_PER_PART, type EncodedAudioWindow } from '../../../../../shared/api/methods/waveform';
import type { EarmarkClient } from '../../../../../shared/api';
import { PeakReducer } from './peak-reducer';

/** Chunks queued in the decoder before waiting for it: enough to keep it busy, little memory. */
const MAX_QUEUED = 64;
const SAMPLES_PER_FRAME = 1024;

export type WaveformApi = Pick<EarmarkClient['recording'], 'encodedAudio' | 'savePeaks'>;

/** Why an AAC recording's waveform cannot be drawn here (the call still plays). */
export class WaveformUnavailable extends Error {
  override readonly name = 'WaveformUnavailable';
}

/**
 * Computes an AAC recording's peaks with the platform's own AAC decoder (WebCodecs' AudioDecoder, which
 * Chromium and so Electron have: no AAC decoder under a licence Earmark can ship exists for the backend)
 * and stores them through the API. The encoded frames come from the backend a window at a time and are
 * decoded in order; only peaks are kept, and they go back in parts as they complete, so neither the
 * recording nor its decoded audio is ever held whole. `samplesPerPeak` is the recording's finest stored
 * resolution (the backend checks it). Rejects with WaveformUnavailable when this platform cannot decode
 * the recording, and with the API's error when a call fails.
 */
export async function computeAacPeaks(
  api: WaveformApi,
  recording: Pick<Recording, 'id' | 'sampleRate' | 'channels'>,
  samplesPerPeak: number,
  { signal, onProgress }: { signal: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<void> {
  if (typeof AudioDecoder === 'undefined') {
    throw new WaveformUnavailable('this window has no audio decoder (WebCodecs)');
  }
  const recordingId = recording.id;
  let batch = await api.encodedAudio({ recordingId, fromPacket: 0 });
  const config: AudioDecoderConfig = {
    codec: batch.codec,
    sampleRate: batch.sampleRate,
    numberOfChannels: batch.channels,
    ...(batch.description ? { description: fromBase64(batch.description) } : {}),
  };
  const support = await AudioDecoder.isConfigSupported(config);
  if (!support.supported) throw new WaveformUnavailable(`${batch.codec} cannot be decoded here`);

  let reducer: PeakReducer | null = null;
  let failure: Error | null = null;
  let firstPeak = 0;
  let uploading = Promise.resolve();
  const send = (channels: Int16Array[], last: boolean) => {
    const part = { recordingId, samplesPerPeak, firstPeak, channels: channels.map(toBase64), last };
    firstPeak += channels[0]!.length / 2;
    // In order, one at a time: each part must start where the stored ones end.
    uploading = uploading.then(async () => {
      signal.throwIfAborted();
      await api.savePeaks(part);
    });
  };
  /** Sends whole parts while more than one is ready, so the last part is never empty. */
  const sendFull = (current: PeakReducer) => {
    while (current.pending > MAX_PEAKS_PER_PART) send(current.take(MAX_PEAKS_PER_PART), false);
  };

  const decoder = new AudioDecoder({
    output: (data) => {
      try {
        reducer ??= new PeakReducer({
          channels: recording.channels,
          samplesPerPeak,
          recordingRate: recording.sampleRate,
          decodedRate: data.sampleRate,
          skipSeconds: batch.skipSeconds,
          durationMs: batch.durationMs,
        });
        const planar = Array.from({ length: data.numberOfChannels }, (_, plane) => {
          const samples = new Float32Array(data.numberOfFrames);
          data.copyTo(samples, { planeIndex: plane, format: 'f32-planar' });
          return samples;
        });
        reducer.add(planar, data.numberOfFrames);
      } finally {
        data.close();
      }
    },
    error: (error) => {
      failure = new WaveformUnavailable(`the decoder stopped: ${error.message}`);
    },
  });
  const stop = () => {
    if (decoder.state !== 'closed') decoder.close();
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    decoder.configure(config);
    let next: Promise<EncodedAudioWindow> | null = null;
    for (;;) {
      const end = batch.fromPacket + batch.sizes.length;
      // The next window is on its way while this one decodes.
      next = end < batch.totalPackets ? api.encodedAudio({ recordingId, fromPacket: end }) : null;
      next?.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      const data = fromBase64(batch.data);
      let at = 0;
      for (let k = 0; k < batch.sizes.length; k++) {
        if (failure) throw failure;
        signal.throwIfAborted();
        const size = batch.sizes[k]!;
        const packet = batch.fromPacket + k;
        decoder.decode(
          new EncodedAudioChunk({
            type: 'key',
            timestamp: Math.round((packet * SAMPLES_PER_FRAME * 1e6) / batch.sampleRate),
            data: data.subarray(at, at + size),
          }),
        );
        at += size;
        if (decoder.decodeQueueSize > MAX_QUEUED) await dequeued(decoder);
      }
      if (reducer) sendFull(reducer);
      onProgress?.(end / Math.max(1, batch.totalPackets));
      if (!next) break;
      batch = await next;
    }
    await decoder.flush();
    if (failure) throw failure;
    signal.throwIfAborted();
    const done = reducer as PeakReducer | null; // (assigned in the decoder's callback)
    done?.finish();
    // sendFull always leaves something pending once there are peaks, so the last part is never empty.
    if (!done || done.pending === 0) throw new WaveformUnavailable('the decoder gave no audio');
    sendFull(done);
    send(done.take(), true);
    await uploading;
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
    // A part still on its way when this gave up must not be reported as unhandled.
    uploading.catch(() => undefined);
  }
}

function dequeued(decoder: AudioDecoder): Promise<void> {
  return new Promise((resolve) => decoder.addEventListener('dequeue', () => resolve(), { once: true }));
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(pairs: Int16Array): string {
  const bytes = new Uint8Array(pairs.buffer, pairs.byteOffset, pairs.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
