import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { PRIVATE_FILE_MODE } from '../data-folder/permissions';

const HEADER_BYTES = 44;
const BUFFER_BYTES = 1 << 20;
/** RIFF sizes are 32-bit: past this a WAV cannot say how long it is. */
const MAX_DATA_BYTES = 0xffffffff - (HEADER_BYTES - 8);

/**
 * Writes a 16-bit PCM WAV (little-endian host assumed, as every Electron target is), streaming. It goes
 * to `partialPath` and is renamed to its final name only once complete and synced, so a crash or a kill mid-import never leaves a half file that looks whole: at
 * worst a `.partial` that nothing refers to.
 */
export class WavWriter {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  private readonly view = new Int16Array(this.buffer.buffer, this.buffer.byteOffset, BUFFER_BYTES / 2);
  private used = 0; // in samples
  private dataBytes = 0;
  private closed = false;

  constructor(
    readonly partialPath: string,
    readonly channels: number,
    readonly sampleRate: number,
  ) {
    // Only this OS user may read a recording in the data folder, whatever the umask.
    this.fd = openSync(partialPath, 'w', PRIVATE_FILE_MODE);
    if (process.platform !== 'win32') fchmodSync(this.fd, PRIVATE_FILE_MODE);
    writeSync(this.fd, wavHeader(channels, sampleRate, 0));
  }

  /** Appends interleaved samples (`frames` frames of `channels` samples). */
  writeInt16(samples: Int16Array, frames: number): void {
    let at = 0;
    const count = frames * this.channels;
    while (at < count) {
      const take = Math.min(count - at, this.view.length - this.used);
      this.view.set(samples.subarray(at, at + take), this.used);
      this.used += take;
      at += take;
      if (this.used === this.view.length) this.drain();
    }
  }

  /** Completes the header, syncs, and moves the file into place (its name may depend on what was written). */
  finish(finalPath: string): void {
    this.drain();
    writeSync(this.fd, wavHeader(this.channels, this.sampleRate, this.dataBytes), 0, HEADER_BYTES, 0);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
    renameSync(this.partialPath, finalPath);
  }

  /** Drops the partial file (on failure or cancellation). */
  abort(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    rmSync(this.partialPath, { force: true });
  }

  private drain(): void {
    if (this.used === 0) return;
    const bytes = this.used * 2;
    if (this.dataBytes + bytes > MAX_DATA_BYTES) {
      throw new EarmarkError(
        'unsupported_media',
        'The transcoded recording would exceed the 4 GB a WAV file can hold: the recording is too long to import.',
      );
    }
    writeSync(this.fd, this.buffer, 0, bytes);
    this.dataBytes += bytes;
    this.used = 0;
  }
}

/** The 44-byte header of a 16-bit PCM WAV holding `dataBytes` of samples. */
export function wavHeader(channels: number, sampleRate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}
