import { z } from 'zod';
import { Id } from '../schemas';
import { method } from './define';

/**
 * The waveform of an AAC recording (M4A, ADTS), which Earmark plays but does not decode in the backend:
 * no AAC decoder under a licence Earmark can ship exists for Node. The renderer decodes it with the
 * platform's own AAC decoder (Chromium's WebCodecs), a window of encoded frames at a time, reduces the
 * audio to min/max peaks and hands them back in parts, which the backend checks and stores as it stores
 * the peaks it computes at import for every other format.
 */

/** Encoded frames per window: about two minutes of 16 kHz audio, well under a megabyte. */
export const MAX_PACKETS_PER_WINDOW = 2048;
/** Peaks (min/max pairs) per channel in one part: 8 channels of them stay well under a request's limit. */
export const MAX_PEAKS_PER_PART = 16_384;

export const EncodedAudioWindow = z.object({
  recordingId: Id,
  /** The WebCodecs codec string, e.g. 'mp4a.40.2' (AAC LC). */
  codec: z.string(),
  /** What the decoder is configured with (the core rate: an HE-AAC decoder outputs twice it). */
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  /** The AudioSpecificConfig, base64; null for ADTS, whose frames carry their own headers. */
  description: z.base64().nullable(),
  /** Decoded audio before the recording's time 0 (the encoder's priming the container trims). */
  skipSeconds: z.number().nonnegative(),
  /** The recording's length: decoded audio past it is not part of the recording. */
  durationMs: z.number().int().nonnegative(),
  totalPackets: z.number().int().nonnegative(),
  fromPacket: z.number().int().nonnegative(),
  /** The byte length of each frame in `data`, in order. */
  sizes: z.array(z.number().int().positive()),
  /** The frames themselves, one after the other, base64. */
  data: z.base64(),
});
export type EncodedAudioWindow = z.infer<typeof EncodedAudioWindow>;

export const PeaksUpload = z.object({
  recordingId: Id,
  /** Peaks stored so far (the next part starts there). */
  storedPeaks: z.number().int().nonnegative(),
  /** True once the last part is in: the recording has its waveform. */
  complete: z.boolean(),
});
export type PeaksUpload = z.infer<typeof PeaksUpload>;

export const waveformMethods = {
  /** A window of an AAC recording's encoded frames, in file order, for the renderer's decoder. */
  'recording.encodedAudio': method(
    z
      .object({
        recordingId: Id,
        fromPacket: z.number().int().nonnegative(),
        maxPackets: z.number().int().min(1).max(MAX_PACKETS_PER_WINDOW).default(MAX_PACKETS_PER_WINDOW),
      })
      .strict(),
    EncodedAudioWindow,
    { actor: 'none', activity: false },
  ),

  /**
   * One part of the peaks of an AAC recording, at the finest stored resolution: per channel, the
   * little-endian Int16 (min, max) pairs from `firstPeak` on, base64. Parts come in order; the first
   * (firstPeak 0) starts over. With `last`, the whole is checked against the recording's length and
   * stored with its coarser levels in one transaction.
   */
  'recording.savePeaks': method(
    z
      .object({
        recordingId: Id,
        samplesPerPeak: z.number().int().positive(),
        firstPeak: z.number().int().nonnegative(),
        channels: z
          .array(z.base64().max(Math.ceil((MAX_PEAKS_PER_PART * 4) / 3) * 4 + 4))
          .min(1)
          .max(8),
        last: z.boolean(),
      })
      .strict(),
    PeaksUpload,
    { actor: 'none', activity: false },
  ),
} as const;
