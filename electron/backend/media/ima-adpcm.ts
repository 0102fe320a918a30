/**
 * IMA ADPCM as Microsoft packs it in WAV (format 0x0011, "DVI ADPCM"): 4-bit codes, blocks that each
 * restart the predictor. Small enough to write rather than depend on a package (the npm `imaadpcm`
 * module is unmaintained and not installed); matches ffmpeg's adpcm_ima_wav sample for sample.
 *
 * Block layout: per channel a 4-byte header (int16 first sample, uint8 step index, reserved byte),
 * then 4-byte words per channel in turn, each holding 8 codes of that channel, low nibble first.
 */

const INDEX_TABLE = [-1, -1, -1, -1, 2, 4, 6, 8, -1, -1, -1, -1, 2, 4, 6, 8];
const STEP_TABLE = Int32Array.from([
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97,
  107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724,
  796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026,
  4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500,
  20350, 22385, 24623, 27086, 29794, 32767,
]);

/**
 * Decodes one block (possibly a short last one) into interleaved samples at `out[offset..]`.
 * Returns the number of frames written (at most `maxFrames`).
 */
export function decodeImaBlock(
  block: Uint8Array,
  channels: number,
  out: Int16Array,
  offset: number,
  maxFrames: number,
): number {
  if (block.length < 4 * channels || maxFrames <= 0) return 0;
  const predictor = new Int32Array(channels);
  const index = new Int32Array(channels);
  for (let c = 0; c < channels; c++) {
    const p = c * 4;
    predictor[c] = ((block[p]! | (block[p + 1]! << 8)) << 16) >> 16; // int16 little-endian
    index[c] = Math.min(88, block[p + 2]!); // a damaged index must not read past the table
    out[offset + c] = predictor[c]!;
  }
  const words = Math.floor((block.length - 4 * channels) / (4 * channels));
  const frames = Math.min(maxFrames, 1 + words * 8);
  // Word w of channel c covers frames 1 + 8w .. 8 + 8w.
  for (let w = 0; w < words; w++) {
    for (let c = 0; c < channels; c++) {
      const base = 4 * channels + (w * channels + c) * 4;
      let pred = predictor[c]!;
      let idx = index[c]!;
      for (let n = 0; n < 8; n++) {
        const frame = 1 + w * 8 + n;
        const code = (block[base + (n >> 1)]! >> ((n & 1) * 4)) & 0x0f;
        const step = STEP_TABLE[idx]!;
        // ((2d + 1) * step) / 8 in one multiply, as ffmpeg computes it. The IMA reference's shift-and-add
        // form rounds each partial term down and drifts from this by a few units within a block; ffmpeg
        // is the decoder every other tool uses, and the reference our tests compare against.
        const diff = ((2 * (code & 7) + 1) * step) >> 3;
        pred = code & 8 ? pred - diff : pred + diff;
        if (pred > 32767) pred = 32767;
        else if (pred < -32768) pred = -32768;
        idx += INDEX_TABLE[code]!;
        if (idx < 0) idx = 0;
        else if (idx > 88) idx = 88;
        if (frame < frames) out[offset + frame * channels + c] = pred;
      }
      predictor[c] = pred;
      index[c] = idx;
    }
  }
  return frames;
}
