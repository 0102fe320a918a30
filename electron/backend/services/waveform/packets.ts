import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ParsedParams } from '../../../../shared/api';
import type { EncodedAudioWindow } from '../../../../shared/api/methods/waveform';
import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';
import { readAdtsPackets } from '../../media/adts';
import { readMp4AudioPackets } from '../../media/mp4';
import { sniffFormat } from '../../media/sniff';

/** Bytes of encoded audio in one window at most, whatever the frame count: a high-bitrate file's frames are larger. */
const MAX_WINDOW_BYTES = 512 * 1024;

interface Packets {
  codec: string;
  sampleRate: number;
  channels: number;
  description: Uint8Array | null;
  skipSeconds: number;
  offsets: Float64Array;
  sizes: Uint32Array;
}

/**
 * Where an AAC recording's encoded frames are, found once per file and kept for the next windows: the
 * renderer asks for them window after window, and walking a two-hour file's index each time would
 * be wasted. One file at a time is decoded, so two entries are plenty.
 */
const cache = new Map<string, { stamp: string; packets: Packets }>();
const CACHE_ENTRIES = 2;

/**
 * A window of an AAC recording's encoded frames (M4A access units with their AudioSpecificConfig, or
 * whole ADTS frames), read from the file where it is. Refused for a recording that is not AAC: every
 * other format is decoded in the backend at import.
 */
export async function encodedAudioWindow(
  q: Query,
  { recordingId, fromPacket, maxPackets }: ParsedParams<'recording.encodedAudio'>,
): Promise<EncodedAudioWindow> {
  const row = await q
    .selectFrom('recordings')
    .select(['path', 'codec', 'duration_ms as durationMs'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `recordingId: there is no recording with id ${recordingId}.`);
  if (row.codec !== 'aac') {
    throw new EarmarkError(
      'invalid_params',
      `recordingId: recording ${recordingId} is ${row.codec}, not AAC: its peaks were computed at import.`,
    );
  }
  const packets = packetsOf(row.path);
  const total = packets.offsets.length;
  if (fromPacket > total) {
    throw new EarmarkError(
      'invalid_params',
      `fromPacket: recording ${recordingId} has ${total} encoded frames, so none start at ${fromPacket}.`,
    );
  }
  const sizes: number[] = [];
  let bytes = 0;
  for (let i = fromPacket; i < total && sizes.length < maxPackets; i++) {
    const size = packets.sizes[i]!;
    if (sizes.length > 0 && bytes + size > MAX_WINDOW_BYTES) break;
    sizes.push(size);
    bytes += size;
  }
  const data = readPackets(row.path, packets, fromPacket, sizes, bytes);
  return {
    recordingId,
    codec: packets.codec,
    sampleRate: packets.sampleRate,
    channels: packets.channels,
    description: packets.description ? Buffer.from(packets.description).toString('base64') : null,
    skipSeconds: packets.skipSeconds,
    durationMs: row.durationMs,
    totalPackets: total,
    fromPacket,
    sizes,
    data: data.toString('base64'),
  };
}

function packetsOf(path: string): Packets {
  let stamp: string;
  try {
    const info = statSync(path);
    stamp = `${info.size}:${info.mtimeMs}`;
  } catch {
    throw new EarmarkError('not_found', `The file of this recording is missing: ${path}`);
  }
  const cached = cache.get(path);
  if (cached?.stamp === stamp) return cached.packets;
  const packets = readPacketIndex(path, Number(stamp.split(':')[0]));
  cache.delete(path);
  cache.set(path, { stamp, packets });
  for (const key of cache.keys()) if (cache.size > CACHE_ENTRIES) cache.delete(key);
  return packets;
}

function readPacketIndex(path: string, sizeBytes: number): Packets {
  const sniffed = sniffFormat(path);
  if (sniffed.container === 'aac') {
    const adts = readAdtsPackets(path, sizeBytes, sniffed.audioOffset);
    // ADTS states no gapless information: the player plays the priming too, so nothing is skipped.
    return { codec: 'mp4a.40.2', description: null, skipSeconds: 0, ...adts };
  }
  if (sniffed.container !== 'm4a') {
    throw new EarmarkError(
      'unsupported_media',
      `${path} is no longer an AAC file (it is ${sniffed.container}).`,
    );
  }
  const fd = openSync(path, 'r');
  try {
    const mp4 = readMp4AudioPackets(path, fd, sizeBytes);
    return { ...mp4, description: mp4.config };
  } finally {
    closeSync(fd);
  }
}

function readPackets(path: string, packets: Packets, from: number, sizes: number[], bytes: number): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    // Frames lie one after the other within an M4A chunk (and throughout ADTS): one read per run of them.
    for (let k = 0; k < sizes.length;) {
      const start = packets.offsets[from + k]!;
      let length = sizes[k]!;
      let next = k + 1;
      while (next < sizes.length && packets.offsets[from + next] === start + length) length += sizes[next++]!;
      if (readSync(fd, out, at, length, start) !== length) {
        throw new EarmarkError('unsupported_media', `${path} ended inside encoded frame ${from + k}.`);
      }
      at += length;
      k = next;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
