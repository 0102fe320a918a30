/**
 * GSM 06.10 full-rate speech decoder (RPE-LTP, ETSI EN 300 961), for Microsoft's "WAV49" packing
 * (WAV format 0x0031: two 160-sample frames in each 65-byte block).
 *
 * Hand-written because nothing maintained does this in JavaScript: the `gsm` package on npm is an SMS
 * library, no installed dependency decodes it, and Chromium cannot play it, yet call recorders and
 * voicemail systems still write it. It follows the reference fixed-point arithmetic of the ETSI spec
 * (as implemented by libgsm, Jutta Degener and Carsten Bormann, TU Berlin) step for step, so the output
 * is sample-exact against libgsm and ffmpeg: every operation saturates or truncates to 16 bits exactly
 * where the spec's does, and the names of the steps are the spec's.
 */

export const GSM_BLOCK_BYTES = 65;
export const GSM_BLOCK_SAMPLES = 320;
const FRAME_SAMPLES = 160;

const MIN_WORD = -32768;
const MAX_WORD = 32767;

const sat = (x: number): number => (x > MAX_WORD ? MAX_WORD : x < MIN_WORD ? MIN_WORD : x);
const add = (a: number, b: number): number => sat(a + b);
const sub = (a: number, b: number): number => sat(a - b);
/** Multiply with rounding, Q15: the spec's mult_r (only -1 * -1 overflows, and saturates). */
const multR = (a: number, b: number): number =>
  a === MIN_WORD && b === MIN_WORD ? MAX_WORD : (a * b + 16384) >> 15;
/** Arithmetic shift right by n (left for negative n), as the spec's asr on 16-bit words. */
function asr(a: number, n: number): number {
  if (n >= 16) return a < 0 ? -1 : 0;
  if (n <= -16) return 0;
  if (n < 0) return ((a << -n) << 16) >> 16;
  return a >> n;
}
const asl = (a: number, n: number): number => {
  if (n >= 16) return 0;
  if (n <= -16) return a < 0 ? -1 : 0;
  if (n < 0) return asr(a, -n);
  return ((a << n) << 16) >> 16;
};

/** Table 4.3a/b: the LAR decoding constants (B, MIC, INVA) for each of the 8 coefficients. */
const LAR_B = [0, 0, 2048, -2560, 94, -1792, -341, -1144];
const LAR_MIC = [-32, -32, -16, -16, -8, -8, -4, -4];
const LAR_INVA = [13107, 13107, 13107, 13107, 19223, 17476, 31454, 29708];
/** Table 4.6: normalised inverse mantissa, for the APCM inverse quantisation. */
const FAC = [18431, 20479, 22527, 24575, 26623, 28671, 30719, 32767];
/** Table 4.3b: quantised LTP gains. */
const QLB = [3277, 11469, 21299, 32767];
/** Bit widths of the LAR parameters, then of one sub-frame (Nc, bc, Mc, xmaxc, 13 x xMc). */
const LAR_BITS = [6, 6, 5, 5, 4, 4, 3, 3];

/** One frame's decoded parameters (section 1.7 of the spec). */
interface FrameParams {
  larc: Int32Array; // 8
  nc: Int32Array; // 4
  bc: Int32Array; // 4
  mc: Int32Array; // 4
  xmaxc: Int32Array; // 4
  xmc: Int32Array; // 52
}

/** Reads WAV49's bitstream: one continuous little-endian (LSB-first) run of 260 bits per frame. */
class BitReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  read(bits: number): number {
    let value = 0;
    for (let i = 0; i < bits; i++, this.pos++) {
      value |= ((this.bytes[this.pos >> 3]! >> (this.pos & 7)) & 1) << i;
    }
    return value;
  }
}

export class Gsm610Decoder {
  // Decoder state (section 4.3): long-term residual history, LAR interpolation, synthesis filter, de-emphasis.
  private readonly dp0 = new Int32Array(280);
  private nrp = 40;
  private larppPrev = new Int32Array(8);
  private larppCur = new Int32Array(8);
  private readonly v = new Int32Array(9);
  private msr = 0;

  private readonly params: FrameParams = {
    larc: new Int32Array(8),
    nc: new Int32Array(4),
    bc: new Int32Array(4),
    mc: new Int32Array(4),
    xmaxc: new Int32Array(4),
    xmc: new Int32Array(52),
  };
  private readonly erp = new Int32Array(40);
  private readonly wt = new Int32Array(FRAME_SAMPLES);
  private readonly larp = new Int32Array(8);
  private readonly xmp = new Int32Array(13);
  private readonly frame = new Int32Array(FRAME_SAMPLES);

  /** Decodes one 65-byte block into 320 samples at `out[offset..]`. */
  decodeBlock(block: Uint8Array, out: Int16Array, offset: number): void {
    const bits = new BitReader(block);
    for (let half = 0; half < 2; half++) {
      this.unpack(bits);
      this.decodeFrame();
      out.set(this.frame, offset + half * FRAME_SAMPLES);
    }
  }

  private unpack(bits: BitReader): void {
    const p = this.params;
    for (let i = 0; i < 8; i++) p.larc[i] = bits.read(LAR_BITS[i]!);
    for (let j = 0; j < 4; j++) {
      p.nc[j] = bits.read(7);
      p.bc[j] = bits.read(2);
      p.mc[j] = bits.read(2);
      p.xmaxc[j] = bits.read(6);
      for (let i = 0; i < 13; i++) p.xmc[j * 13 + i] = bits.read(3);
    }
  }

  /** Gsm_Decoder: four sub-frames of RPE decoding and long-term synthesis, then short-term synthesis. */
  private decodeFrame(): void {
    const p = this.params;
    for (let j = 0; j < 4; j++) {
      this.rpeDecoding(p.xmaxc[j]!, p.mc[j]!, j * 13);
      this.longTermSynthesis(p.nc[j]!, p.bc[j]!);
      for (let k = 0; k < 40; k++) this.wt[j * 40 + k] = this.dp0[120 + k]!;
    }
    this.shortTermSynthesis(p.larc);
    this.postprocess();
  }

  /** 4.2.16-4.2.17: APCM inverse quantisation of the 13 pulses and their placement on the RPE grid. */
  private rpeDecoding(xmaxc: number, mc: number, xmcStart: number): void {
    // xmaxc -> exponent and mantissa
    let exp = 0;
    if (xmaxc > 15) exp = (xmaxc >> 3) - 1;
    let mant = xmaxc - (exp << 3);
    if (mant === 0) {
      exp = -4;
      mant = 7;
    } else {
      while (mant <= 7) {
        mant = (mant << 1) | 1;
        exp--;
      }
      mant -= 8;
    }
    const temp1 = FAC[mant]!;
    const temp2 = sub(6, exp);
    const temp3 = asl(1, sub(temp2, 1));
    const xmc = this.params.xmc;
    for (let i = 0; i < 13; i++) {
      let temp = ((xmc[xmcStart + i]! << 1) - 7) << 12; // restore sign, 16-bit signed
      temp = multR(temp1, temp);
      temp = add(temp, temp3);
      this.xmp[i] = asr(temp, temp2);
    }
    this.erp.fill(0);
    for (let i = 0; i < 13; i++) this.erp[mc + 3 * i] = this.xmp[i]!;
  }

  /** 4.3.2: long-term synthesis filtering, into dp0[120..159], then the 120-sample history shifts. */
  private longTermSynthesis(ncr: number, bcr: number): void {
    const nr = ncr < 40 || ncr > 120 ? this.nrp : ncr;
    this.nrp = nr;
    const brp = QLB[bcr]!;
    const dp = this.dp0;
    for (let k = 0; k < 40; k++) {
      const drpp = multR(brp, dp[120 + k - nr]!);
      dp[120 + k] = add(this.erp[k]!, drpp);
    }
    dp.copyWithin(0, 40, 160);
  }

  /** 4.2.8-4.2.10 and 4.3.4: LAR decoding, interpolation over four segments, reflection coefficients, filter. */
  private shortTermSynthesis(larc: Int32Array): void {
    const prev = this.larppPrev;
    const cur = this.larppCur;
    for (let i = 0; i < 8; i++) {
      let temp1 = add(larc[i]!, LAR_MIC[i]!) << 10;
      temp1 = sub(temp1, LAR_B[i]! << 1);
      temp1 = multR(LAR_INVA[i]!, temp1);
      cur[i] = add(temp1, temp1);
    }
    const larp = this.larp;
    // k = 0..12
    for (let i = 0; i < 8; i++) larp[i] = add(add(prev[i]! >> 2, cur[i]! >> 2), prev[i]! >> 1);
    this.filter(0, 13);
    // k = 13..26
    for (let i = 0; i < 8; i++) larp[i] = add(prev[i]! >> 1, cur[i]! >> 1);
    this.filter(13, 14);
    // k = 27..39
    for (let i = 0; i < 8; i++) larp[i] = add(add(prev[i]! >> 2, cur[i]! >> 2), cur[i]! >> 1);
    this.filter(27, 13);
    // k = 40..159
    larp.set(cur);
    this.filter(40, 120);
    // This frame's LARs are the next frame's "previous" ones.
    this.larppPrev = cur;
    this.larppCur = prev;
  }

  /** LARp_to_rp on the interpolated LARs, then the lattice synthesis filter over `count` samples. */
  private filter(start: number, count: number): void {
    const rrp = this.larp;
    for (let i = 0; i < 8; i++) {
      const larp = rrp[i]!;
      const temp = larp < 0 ? (larp === MIN_WORD ? MAX_WORD : -larp) : larp;
      const rp = temp < 11059 ? temp << 1 : temp < 20070 ? temp + 11059 : add(temp >> 2, 26112);
      rrp[i] = larp < 0 ? -rp : rp;
    }
    const v = this.v;
    const wt = this.wt;
    const s = this.frame;
    for (let k = start; k < start + count; k++) {
      let sri = wt[k]!;
      for (let i = 7; i >= 0; i--) {
        const r = rrp[i]!;
        sri = sub(sri, multR(r, v[i]!));
        v[i + 1] = add(v[i]!, multR(r, sri));
      }
      s[k] = v[0] = sri;
    }
  }

  /** 4.3.5-4.3.7: de-emphasis, upscaling, and truncation to 13 significant bits. */
  private postprocess(): void {
    const s = this.frame;
    let msr = this.msr;
    for (let k = 0; k < FRAME_SAMPLES; k++) {
      msr = add(s[k]!, multR(msr, 28180));
      s[k] = add(msr, msr) & ~7;
    }
    this.msr = msr;
  }
}
