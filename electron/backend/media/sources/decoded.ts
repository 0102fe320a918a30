import { EarmarkError } from '../../../../shared/errors';
import type { PcmBlock } from './source';

/** What every WASM decoder returns per call (mpg123-decoder, ogg-opus-decoder, the @wasm-audio-decoders family). */
export interface DecoderOutput {
  channelData: Float32Array[];
  sampleRate: number;
  errors?: readonly { message: string }[] | number;
}

export const MAX_CHANNELS = 8;

/**
 * Checks one decoder output against what the stream header declared and turns it into a block.
 * A damaged stream can make a decoder report nonsense (tens of thousands of channels, a changing rate)
 * rather than fail; that is refused here instead of being believed.
 */
export class DecoderOutputCheck {
  frames = 0;
  errorCount = 0;
  firstError: string | undefined;

  constructor(
    private readonly path: string,
    private readonly codecName: string,
    /** Channels to keep (mpg123 always outputs two, even for mono); 0 to take the decoder's count. */
    public channels: number,
    /** The declared rate; 0 to take the decoder's. */
    public sampleRate: number,
  ) {}

  toBlock(output: DecoderOutput): PcmBlock | undefined {
    const errors = output.errors;
    if (typeof errors === 'number') this.errorCount += errors;
    else if (errors && errors.length > 0) {
      this.errorCount += errors.length;
      this.firstError ??= errors[0]!.message;
    }
    const got = output.channelData.length;
    if (got > MAX_CHANNELS) this.fail(`the decoder reported ${got} channels`);
    const frames = output.channelData[0]?.length ?? 0;
    if (frames === 0) return undefined;
    if (this.sampleRate === 0) this.sampleRate = output.sampleRate;
    if (this.channels === 0) this.channels = got;
    if (output.sampleRate !== this.sampleRate) {
      this.fail(`its sample rate changes from ${this.sampleRate} Hz to ${output.sampleRate} Hz part-way`);
    }
    if (got < this.channels)
      this.fail(`the decoder returned ${got} channels where the header declares ${this.channels}`);
    const planar = output.channelData.slice(0, this.channels);
    if (planar.some((channel) => channel.length !== frames))
      this.fail('its channels decoded to different lengths');
    this.frames += frames;
    return { format: 'f32', frames, planar };
  }

  /** After the last block: a stream that decoded to nothing is refused with the decoder's own reason. */
  finish(): void {
    if (this.frames > 0) return;
    throw new EarmarkError(
      'unsupported_media',
      `${this.path} could not be decoded as ${this.codecName}: ` +
        (this.firstError ? `${this.firstError}.` : 'it holds no audio frames.'),
    );
  }

  private fail(problem: string): never {
    throw new EarmarkError(
      'unsupported_media',
      `${this.path} is a damaged ${this.codecName} stream: ${problem}.`,
    );
  }
}
