import type { MpegStream } from '../mpeg-header';

/**
 * A decoded audio stream, whatever the file format: blocks of samples in file order, a bounded amount
 * at a time. Uncompressed formats hand out 16-bit interleaved blocks (often a view on the bytes read,
 * no conversion at all); the WASM decoders hand out their float planar output as it is, so the peak
 * scan can run on it without first interleaving and converting every sample.
 */
export type PcmBlock =
  | { format: 'i16'; frames: number; interleaved: Int16Array }
  | { format: 'f32'; frames: number; planar: Float32Array[] };

export interface AudioSource {
  readonly path: string;
  /** The real container, from the bytes: 'wav', 'aiff', 'mp3', 'ogg', 'flac' (AAC is an UndecodedSource). */
  readonly container: string;
  /** ffmpeg's codec name: 'pcm_s16le', 'gsm_ms', 'mp3', 'vorbis', 'aac' ... */
  readonly codec: string;
  /** Known before the first block for most formats; a decoder may settle it with its first block. */
  channels: number;
  sampleRate: number;
  /** The length the header promised, null where it says nothing. */
  readonly claimedDurationMs: number | null;
  /**
   * How far the decoded length may fall short of the claim without the file being called damaged,
   * where a decoder is known to drop a little at the end (see sources/open.ts on FLAC).
   */
  readonly claimToleranceMs?: number;
  /** Frames expected from the header, to size buffers: a hint only (headers lie), 0 when unknown. */
  readonly expectedFrames: number;
  /** The MIME type Chromium plays this file as, or null when it must be transcoded. */
  readonly playableMimeType: string | null;
  readonly sizeBytes: number;
  /** For an MP3 (layer III): where its frames are, so its decode can be split across threads. */
  readonly mpeg?: MpegStream;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
  /**
   * The decoded blocks, in order. A block (and its arrays) is only valid until the next one is asked
   * for: sources reuse their buffers. Throws EarmarkError('unsupported_media') on undecodable data.
   */
  blocks(): AsyncGenerator<PcmBlock, void, undefined>;
  /** Releases file handles and decoder memory; safe to call twice. */
  close(): void;
  /**
   * Once the blocks are read: how much of the stream was damaged (skipped, or undecodable), or null.
   * Only the compressed streams can tell; an uncompressed one has no structure to find damage in.
   */
  damage?(): StreamDamage | null;
}

/** See AudioDamage (shared/api): `damagedMs` null where the source cannot tell the length of a unit. */
export interface StreamDamage {
  unit: 'frames' | 'packets';
  damaged: number;
  total: number;
  damagedMs: number | null;
}

export function framesToMs(frames: number | null, sampleRate: number): number | null {
  return frames === null ? null : Math.round((frames * 1000) / sampleRate);
}

/**
 * A file Chromium plays as it is but the backend does not decode: AAC, in M4A or raw ADTS (no AAC
 * decoder under a licence Earmark can ship is available to it). Everything here comes from the container
 * without decoding: there are no samples, so the recording is imported without peaks; the renderer
 * computes them later with the platform's AAC decoder (services/waveform).
 */
export interface UndecodedSource {
  readonly kind: 'undecoded';
  readonly path: string;
  readonly container: string;
  readonly codec: string;
  readonly channels: number;
  readonly sampleRate: number;
  /** The length of the audio the file really holds, from its index or frame headers. */
  readonly durationMs: number;
  /** The length the container states, null where it says nothing. */
  readonly claimedDurationMs: number | null;
  readonly playableMimeType: string;
  readonly sizeBytes: number;
}

/** What opening a file gives: a stream of decoded samples, or (AAC) only what its container says. */
export type OpenedSource = AudioSource | UndecodedSource;

export function isUndecoded(source: OpenedSource): source is UndecodedSource {
  return 'kind' in source && source.kind === 'undecoded';
}
