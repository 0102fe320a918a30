import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a long synthetic recording in a test's temp dir, streaming a second at a time (a 30-minute
 * file is never in memory): speech-like bursts, a tone under noise, different per channel.
 */
export function writeLongRecording(
  path: string,
  options: { format: 'wav' | 'aiff'; minutes: number; sampleRate: number; channels: number },
): number {
  const { format, minutes, sampleRate, channels } = options;
  const frames = minutes * 60 * sampleRate;
  const dataBytes = frames * channels * 2;
  const fd = openSync(path, 'w');
  try {
    writeSync(
      fd,
      format === 'wav'
        ? wavHeader(sampleRate, channels, dataBytes)
        : aiffHeader(sampleRate, channels, frames),
    );
    const second = Buffer.alloc(sampleRate * channels * 2);
    let seed = 1;
    for (let s = 0; s < minutes * 60; s++) {
      for (let f = 0; f < sampleRate; f++) {
        const t = s + f / sampleRate;
        for (let c = 0; c < channels; c++) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const noise = ((seed >>> 16) / 65536 - 0.5) * 2000;
          const burst = Math.sin(2 * Math.PI * 0.3 * (t + c)) > 0 ? 9000 : 800;
          const v = Math.round(burst * Math.sin(2 * Math.PI * (220 + 110 * c) * t) + noise);
          const at = (f * channels + c) * 2;
          if (format === 'wav') second.writeInt16LE(v, at);
          else second.writeInt16BE(v, at);
        }
      }
      writeSync(fd, second);
    }
  } finally {
    closeSync(fd);
  }
  return dataBytes;
}

function wavHeader(sampleRate: number, channels: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** AIFF: big-endian 16-bit PCM, sample rate as an 80-bit float (exact for whole numbers below 2^16). */
function aiffHeader(sampleRate: number, channels: number, frames: number): Buffer {
  const dataBytes = frames * channels * 2;
  const h = Buffer.alloc(12 + 26 + 16);
  h.write('FORM', 0, 'latin1');
  h.writeUInt32BE(4 + 26 + 16 + dataBytes, 4);
  h.write('AIFFCOMM', 8, 'latin1');
  h.writeUInt32BE(18, 16);
  h.writeUInt16BE(channels, 20);
  h.writeUInt32BE(frames, 22);
  h.writeUInt16BE(16, 26);
  const exponent = Math.floor(Math.log2(sampleRate));
  h.writeUInt16BE(16383 + exponent, 28);
  h.writeUInt32BE((sampleRate / 2 ** exponent) * 2 ** 31, 30);
  h.write('SSND', 38, 'latin1');
  h.writeUInt32BE(8 + dataBytes, 42);
  return h; // SSND offset and block size (8 zero bytes) are the header's last bytes
}
