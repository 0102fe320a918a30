/**
 * Per-channel volume for a stereo call (agent on one channel, customer on the other), in Web Audio:
 * media element → splitter → one gain per channel → merger → speakers. The graph taps the element once
 * and for good (a media element can feed only one source node), so it is built on the first play, inside
 * the reviewer's click or key press, which also lets the audio context start.
 *
 * Web Audio hears only same-origin or CORS-approved media (anything else comes out silent): the player's
 * element fetches in CORS mode, which the desktop app's media scheme answers (see PlayerAudio).
 */
export class ChannelMixer {
  private readonly context: AudioContext;
  private readonly gains: GainNode[];
  private readonly nodes: AudioNode[];

  constructor(media: HTMLMediaElement, channels: number) {
    this.context = new AudioContext();
    const source = this.context.createMediaElementSource(media);
    const splitter = this.context.createChannelSplitter(channels);
    const merger = this.context.createChannelMerger(channels);
    this.gains = Array.from({ length: channels }, (_, channel) => {
      const gain = this.context.createGain();
      splitter.connect(gain, channel);
      gain.connect(merger, 0, channel);
      return gain;
    });
    source.connect(splitter);
    merger.connect(this.context.destination);
    this.nodes = [source, splitter, ...this.gains, merger];
  }

  /** 0 silences the channel, 1 is as recorded. */
  setLevel(channel: number, level: number): void {
    const gain = this.gains[channel];
    if (gain) gain.gain.setTargetAtTime(level, this.context.currentTime, 0.015); // no click on mute
  }

  /** The context starts suspended outside a user gesture; call from the play click or key. */
  resume(): Promise<void> {
    return this.context.state === 'suspended' ? this.context.resume() : Promise.resolve();
  }

  dispose(): void {
    this.nodes.forEach((node) => node.disconnect());
    void this.context.close();
  }
}
