import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Ogg pages are at most ~64 KB, so the last page with a granule position starts within this tail. */
const TAIL_BYTES = 72 * 1024;

/**
 * The length an Ogg stream declares: the granule position (samples, at 48 kHz for Opus) of its last
 * page, less Opus's pre-skip. Read from the file's tail without decoding; music-metadata does not
 * report a duration for Opus, so this small reader covers both Ogg codecs the same way.
 */
export function oggClaimedDurationMs(
  path: string,
  codec: 'vorbis' | 'opus',
  sampleRate: number,
): number | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 512));
    readSync(fd, head, 0, head.length, 0);
    if (head.length < 28) return null;
    const serial = head.readUInt32LE(14);
    const packet = 27 + head[26]!;
    const preSkip = codec === 'opus' && head.length >= packet + 12 ? head.readUInt16LE(packet + 10) : 0;
    const start = Math.max(0, size - TAIL_BYTES);
    const tail = Buffer.alloc(size - start);
    readSync(fd, tail, 0, tail.length, start);
    for (let at = tail.lastIndexOf('OggS'); at >= 0; at = at > 0 ? tail.lastIndexOf('OggS', at - 1) : -1) {
      if (at + 27 > tail.length || tail[at + 4] !== 0 || tail.readUInt32LE(at + 14) !== serial) continue;
      const granule = tail.readBigInt64LE(at + 6);
      if (granule < 0n) continue; // -1: no packet ends on this page
      const samples = Number(granule) - preSkip;
      return samples > 0 ? Math.round((samples * 1000) / sampleRate) : null;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}
