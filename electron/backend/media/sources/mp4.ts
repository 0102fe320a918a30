import { closeSync, openSync } from 'node:fs';
import { readMp4AudioTrack } from '../mp4';
import type { UndecodedSource } from './source';

/**
 * AAC in MP4/M4A: described from the index alone (our own box walk, mp4.ts), never decoded. Chromium
 * plays the file as it is, so it is its own playable file; the length is the one the container states.
 * Apple Lossless (ALAC) in M4A is refused there: Chromium cannot play it, and Earmark has no decoder
 * for it to transcode it with.
 *
 * Without decoding, a file that is truncated inside its audio is only caught when its index (moov)
 * survived and points past the end of the file (`presentSeconds`); damaged frames inside the file are
 * not detected at import (the player will stumble on them). The hollow-file check of decoded formats
 * (a long claim over nothing but silence) needs samples and does not apply.
 */
export function mp4Source(path: string, sizeBytes: number): UndecodedSource {
  const fd = openSync(path, 'r');
  let track;
  try {
    track = readMp4AudioTrack(path, fd, sizeBytes);
  } finally {
    closeSync(fd);
  }
  const claimedDurationMs = track.claimedSeconds === null ? null : Math.round(track.claimedSeconds * 1000);
  const presentMs = track.presentSeconds === null ? null : Math.round(track.presentSeconds * 1000);
  return {
    kind: 'undecoded',
    path,
    container: 'm4a',
    codec: track.codec,
    channels: track.channels,
    sampleRate: track.sampleRate,
    durationMs: presentMs ?? claimedDurationMs ?? 0,
    claimedDurationMs,
    playableMimeType: 'audio/mp4',
    sizeBytes,
  };
}
