import type { StreamDamage } from './sources/source';

/**
 * Checks an Ogg stream's pages as the decoder is fed them, to say how much of it is damaged. The WASM Ogg
 * decoders do not: their page parser skips the CRC (ogg-opus-decoder turns it off), decodes whatever a
 * damaged page holds, and resyncs in silence over bytes that are not pages. So every page's CRC-32 is
 * checked here: a page that fails it counts its packets as damaged, and bytes between pages (a page whose
 * capture pattern or header was hit) count as about as many packets as they could have held. Together
 * with the packets the decoder itself could not decode (it reports those), that is the damage.
 */
export class OggPageCheck {
  private pending: Buffer = Buffer.alloc(0);
  private lost = false;
  private packets = 0;
  private packetBytes = 0;
  private damagedPackets = 0;
  private damagedBytes = 0;

  /** `headerPackets`: the codec's setup packets at the start, not audio (Opus 2, Vorbis 3). */
  constructor(private readonly headerPackets: number) {}

  /** The next bytes of the file, in order. */
  add(chunk: Uint8Array): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    let at = 0;
    for (;;) {
      if (this.lost) {
        const next = this.pending.indexOf('OggS', at, 'latin1');
        if (next < 0) {
          // Keep a possible capture pattern's first bytes for the next chunk.
          const keep = Math.max(at, this.pending.length - 3);
          this.damagedBytes += keep - at;
          at = keep;
          break;
        }
        const page = pageAt(this.pending, next);
        if (page === 'incomplete') {
          this.damagedBytes += next - at;
          at = next;
          break;
        }
        if (page === 'invalid' || !page.crcOk) {
          this.damagedBytes += next + 1 - at;
          at = next + 1;
          continue;
        }
        this.damagedBytes += next - at;
        at = next;
        this.lost = false;
      }
      const page = pageAt(this.pending, at);
      if (page === 'incomplete') break;
      if (page === 'invalid') {
        this.lost = true;
        this.damagedBytes += 1;
        at += 1;
        continue;
      }
      if (page.crcOk) {
        this.packets += page.packets;
        this.packetBytes += page.bodyBytes;
      } else {
        this.damagedPackets += Math.max(1, page.packets);
      }
      at += page.length;
    }
    this.pending = Buffer.from(this.pending.subarray(at));
  }

  /**
   * After the last chunk: the damage, taking the packets the decoder could not decode (`decoderErrors`)
   * where they are more than the pages show. What is left over at the end (a last page cut off, bytes
   * after the last page) is not damage: a short file shows as shorter than it claims.
   */
  damage(decoderErrors: number): StreamDamage | null {
    const average = this.packets > 0 ? this.packetBytes / this.packets : 0;
    const between =
      this.damagedBytes > 0 ? Math.max(1, average > 0 ? Math.round(this.damagedBytes / average) : 1) : 0;
    const fromPages = this.damagedPackets + between;
    const damaged = Math.max(fromPages, decoderErrors);
    if (damaged === 0) return null;
    const total = Math.max(1, this.packets + fromPages - this.headerPackets);
    return { unit: 'packets', damaged, total: Math.max(total, damaged), damagedMs: null };
  }
}

type Page = { length: number; bodyBytes: number; packets: number; crcOk: boolean };

/** The page at `at`, whether its CRC holds; 'invalid' where no page header starts there. */
function pageAt(bytes: Buffer, at: number): Page | 'incomplete' | 'invalid' {
  if (at + 27 > bytes.length) return 'incomplete';
  if (bytes.toString('latin1', at, at + 4) !== 'OggS' || bytes[at + 4] !== 0) return 'invalid';
  const segments = bytes[at + 26]!;
  if (at + 27 + segments > bytes.length) return 'incomplete';
  let bodyBytes = 0;
  let packets = 0;
  for (let i = 0; i < segments; i++) {
    const lacing = bytes[at + 27 + i]!;
    bodyBytes += lacing;
    if (lacing < 255) packets++;
  }
  const length = 27 + segments + bodyBytes;
  if (at + length > bytes.length) return 'incomplete';
  const stored = bytes.readUInt32LE(at + 22);
  return { length, bodyBytes, packets, crcOk: pageCrc(bytes, at, length) === stored };
}

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, no final xor) over a page, its CRC field as zeros. */
function pageCrc(bytes: Buffer, at: number, length: number): number {
  let crc = 0;
  for (let i = 0; i < length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : bytes[at + i]!;
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  }
  return crc;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let r = n << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[n] = r >>> 0;
  }
  return table;
})();
