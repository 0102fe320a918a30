import { EarmarkError } from '../../../../shared/errors';
import { floatToInt16 } from '../pcm';
import type { AudioSource, PcmBlock, StreamDamage } from './source';

/**
 * A two-leg call (agent and customer recorded as separate mono files, as many PBXs and contact-centre
 * platforms store them) decoded in lockstep into one stereo stream: agent left, customer right. The
 * shorter leg is padded with silence. Only what one leg has decoded ahead of the other is held.
 */
export interface MergedLegs {
  source: AudioSource;
  /** Frames each leg decoded, once the stream is finished. */
  legFrames: [number, number];
}

export function mergeLegs(agent: AudioSource, customer: AudioSource): MergedLegs {
  const legs = [agent, customer] as const;
  const legFrames: [number, number] = [0, 0];
  const same = (pick: (leg: AudioSource) => string) =>
    pick(agent) === pick(customer) ? pick(agent) : `${pick(agent)}+${pick(customer)}`;
  const claims = legs.map((leg) => leg.claimedDurationMs).filter((ms): ms is number => ms !== null);
  const source: AudioSource = {
    path: agent.path,
    container: same((leg) => leg.container),
    codec: same((leg) => leg.codec),
    channels: 2,
    sampleRate: agent.sampleRate,
    claimedDurationMs: claims.length > 0 ? Math.max(...claims) : null,
    expectedFrames: Math.max(agent.expectedFrames, customer.expectedFrames),
    playableMimeType: null,
    sizeBytes: agent.sizeBytes + customer.sizeBytes,
    bytesRead: () => agent.bytesRead() + customer.bytesRead(),
    damage: () => joinDamage(agent.damage?.() ?? null, customer.damage?.() ?? null),
    close: () => {
      agent.close();
      customer.close();
    },
    async *blocks(): AsyncGenerator<PcmBlock, void, undefined> {
      const iterators = legs.map((leg) => leg.blocks());
      const queues = [new MonoQueue(), new MonoQueue()] as const;
      const done = [false, false];
      try {
        while (!done[0] || !done[1]) {
          // Pull from the leg that is behind, so neither runs far ahead of the other.
          const next = done[1] || (!done[0] && queues[0].length <= queues[1].length) ? 0 : 1;
          const result = await iterators[next]!.next();
          if (result.done) done[next] = true;
          else {
            queues[next].push(firstChannel(result.value, legs[next].channels));
            legFrames[next] += result.value.frames;
            source.sampleRate = checkRates(agent, customer);
          }
          const frames =
            done[0] && done[1]
              ? Math.max(queues[0].length, queues[1].length)
              : done[0]
                ? queues[1].length
                : done[1]
                  ? queues[0].length
                  : Math.min(queues[0].length, queues[1].length);
          if (frames > 0) {
            const stereo = new Int16Array(frames * 2);
            queues[0].takeInto(stereo, 0, frames);
            queues[1].takeInto(stereo, 1, frames);
            yield { format: 'i16', frames, interleaved: stereo };
          }
        }
      } finally {
        await Promise.all(iterators.map((it) => it.return(undefined)));
      }
    },
  };
  return { source, legFrames };
}

/** The call's damage: both legs' added up where they count the same unit, else the leg that has any. */
function joinDamage(a: StreamDamage | null, b: StreamDamage | null): StreamDamage | null {
  if (!a || !b) return a ?? b;
  if (a.unit !== b.unit) return a.damaged / a.total >= b.damaged / b.total ? a : b;
  return {
    unit: a.unit,
    damaged: a.damaged + b.damaged,
    total: a.total + b.total,
    damagedMs: a.damagedMs !== null && b.damagedMs !== null ? a.damagedMs + b.damagedMs : null,
  };
}

/** Both legs' rates, once each has decoded something; a mismatch cannot be paired sample for sample. */
function checkRates(agent: AudioSource, customer: AudioSource): number {
  if (agent.sampleRate && customer.sampleRate && agent.sampleRate !== customer.sampleRate) {
    throw new EarmarkError(
      'unsupported_media',
      `The two legs of this call have different sample rates: ${agent.path} is ${agent.sampleRate} Hz and ${customer.path} is ${customer.sampleRate} Hz. Both legs must have the same rate.`,
    );
  }
  return agent.sampleRate || customer.sampleRate;
}

/** A leg's first channel as a fresh 16-bit array (sources reuse their block buffers). */
function firstChannel(block: PcmBlock, channels: number): Int16Array {
  const mono = new Int16Array(block.frames);
  if (block.format === 'i16') {
    const { interleaved } = block;
    for (let f = 0, i = 0; f < block.frames; f++, i += channels) mono[f] = interleaved[i]!;
  } else {
    const data = block.planar[0]!;
    for (let f = 0; f < block.frames; f++) mono[f] = floatToInt16(data[f]!);
  }
  return mono;
}

/** Decoded mono samples waiting for the other leg to catch up. */
class MonoQueue {
  private chunks: Int16Array[] = [];
  private offset = 0; // into chunks[0]
  length = 0;

  push(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.chunks.push(samples);
    this.length += samples.length;
  }

  /** Writes `frames` samples into every other slot of `out` from `lane`; silence past what is queued. */
  takeInto(out: Int16Array, lane: 0 | 1, frames: number): void {
    let f = 0;
    while (f < frames && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const take = Math.min(frames - f, chunk.length - this.offset);
      for (let i = 0; i < take; i++) out[(f + i) * 2 + lane] = chunk[this.offset + i]!;
      f += take;
      this.offset += take;
      this.length -= take;
      if (this.offset === chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    // Out of queued samples: the rest of this lane stays zero (Int16Array starts zeroed).
  }
}
