/**
 * Wraps loudness arrays as the decoded-audio shape wavesurfer's renderer draws from, without decoding
 * anything. Only the fields the renderer reads are real.
 */
export function asAudioData(channels: Float32Array[], durationSec: number): AudioBuffer {
  const length = channels[0]?.length ?? 0;
  return {
    duration: durationSec,
    length,
    sampleRate: length / durationSec,
    numberOfChannels: channels.length,
    getChannelData: (channel: number) => channels[channel] ?? new Float32Array(length),
  } as unknown as AudioBuffer;
}
