import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PeakReducer } from '../../../renderer/src/features/review/player/peak-reducer';
import { PlayerAudio } from '../../../renderer/src/features/review/player/PlayerAudio';

describe('the player’s media element', () => {
  it('fetches in CORS mode, so Web Audio hears the desktop app’s media scheme (per-lane volume and mute)', () => {
    const html = renderToStaticMarkup(
      createElement(PlayerAudio, { src: 'earmark-media://recording/7', onError: () => {} }),
    );
    expect(html).toMatch(/^<audio /);
    expect(html).toContain('crossorigin="anonymous"');
    expect(html).toContain('src="earmark-media://recording/7"');
    expect(html).toContain('preload="metadata"');
  });
});

/** The peaks of a whole stream by the plainest loop: what the reducer must give whatever the blocks. */
function plainPeaks(samples: Float32Array, samplesPerPeak: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < samples.length; start += samplesPerPeak) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < Math.min(samples.length, start + samplesPerPeak); i++) {
      lo = Math.min(lo, samples[i]!);
      hi = Math.max(hi, samples[i]!);
    }
    out.push(Math.round(lo * 32768) || 0, Math.min(32767, Math.round(hi * 32768)) || 0); // (no -0 in Int16)
  }
  return out;
}

/** A deterministic signal with a different level in every stretch. */
function signal(frames: number, seed = 1): Float32Array {
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) out[i] = Math.sin(i * 0.37 * seed) * ((Math.floor(i / 97) % 10) / 10);
  return out;
}

function feed(reducer: PeakReducer, planar: Float32Array[], blocks: number[]): Int16Array[] {
  let at = 0;
  let k = 0;
  const length = planar[0]!.length;
  while (at < length) {
    const size = Math.min(length - at, blocks[k++ % blocks.length]!);
    reducer.add(
      planar.map((channel) => channel.subarray(at, at + size)),
      size,
    );
    at += size;
  }
  reducer.finish();
  return reducer.take();
}

describe('PeakReducer: decoded blocks to the peaks the backend stores', () => {
  it('gives the same peaks whatever the block sizes, leaving out the priming and the padding', () => {
    const recordingFrames = 37_888;
    const priming = 1024;
    const decoded = signal(priming + recordingFrames + 1024); // 38 + 1 AAC frames, as Chromium decodes them
    const expected = plainPeaks(decoded.subarray(priming, priming + recordingFrames), 160);
    for (const blocks of [[1024], [1], [333, 2048, 7], [100_000]]) {
      const reducer = new PeakReducer({
        channels: 1,
        samplesPerPeak: 160,
        recordingRate: 16_000,
        decodedRate: 16_000,
        skipSeconds: priming / 16_000,
        durationMs: 2368,
      });
      const [pairs] = feed(reducer, [decoded], blocks);
      expect(reducer.expectedPeaks).toBe(237);
      expect([...pairs!], `blocks ${blocks.join(',')}`).toEqual(expected);
    }
  });

  it('maps a decoder running at twice the recording’s rate (HE-AAC) by time', () => {
    const reducer = new PeakReducer({
      channels: 1,
      samplesPerPeak: 80,
      recordingRate: 8000,
      decodedRate: 16_000,
      skipSeconds: 0,
      durationMs: 1000,
    });
    const decoded = signal(16_000);
    const [pairs] = feed(reducer, [decoded], [1024]);
    expect(pairs!.length / 2).toBe(100);
    expect([...pairs!]).toEqual(plainPeaks(decoded, 160));
  });

  it('gives each recording channel its own peaks, repeating the decoder’s last channel if it has fewer', () => {
    const left = signal(4000, 1);
    const right = signal(4000, 3).map((v) => v / 2);
    const options = {
      samplesPerPeak: 80,
      recordingRate: 8000,
      decodedRate: 8000,
      skipSeconds: 0,
      durationMs: 500,
    };
    const stereo = feed(new PeakReducer({ ...options, channels: 2 }), [left, right], [512]);
    expect([...stereo[0]!]).toEqual(plainPeaks(left, 80));
    expect([...stereo[1]!]).toEqual(plainPeaks(right, 80));
    const fromMono = feed(new PeakReducer({ ...options, channels: 2 }), [left], [512]);
    expect([...fromMono[1]!]).toEqual(plainPeaks(left, 80));
  });

  it('hands out completed peaks in parts of a given size, the last one only when finished', () => {
    const reducer = new PeakReducer({
      channels: 1,
      samplesPerPeak: 10,
      recordingRate: 1000,
      decodedRate: 1000,
      skipSeconds: 0,
      durationMs: 1000,
    });
    const decoded = signal(1000);
    reducer.add([decoded.subarray(0, 455)], 455);
    expect(reducer.pending).toBe(45);
    expect(reducer.take(20)[0]!.length).toBe(40);
    expect(reducer.take(20)[0]!.length).toBe(40);
    expect(reducer.pending).toBe(5);
    reducer.add([decoded.subarray(455)], 545);
    reducer.finish();
    expect(reducer.pending).toBe(60);
    const all = [...reducer.take()[0]!];
    expect(all).toEqual(plainPeaks(decoded, 10).slice(80));
  });
});
