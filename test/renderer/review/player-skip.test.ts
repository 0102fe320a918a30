import { describe, expect, it } from 'vitest';
import type WaveSurfer from 'wavesurfer.js';
import Player from 'wavesurfer.js/dist/player.js';
import { createController } from '../../../renderer/src/features/review/player/controller';
import { createPlayerStore } from '../../../renderer/src/features/review/player/player-store';

/**
 * A media element that seeks as Chromium's does (measured in the e2e player): setting currentTime
 * starts a seek at once (seeking true, readyState down to HAVE_METADATA, currentTime reading the new
 * target), its `seeking` event arrives a task later, and the seek stays under way until `finishSeek`.
 */
class SeekingMedia extends EventTarget {
  readyState = 4;
  seeking = false;
  paused = true;
  ended = false;
  duration = 60;
  playbackRate = 1;
  volume = 1;
  muted = false;
  private position = 10;
  private queued: string[] = [];

  get currentTime() {
    return this.position;
  }
  set currentTime(seconds: number) {
    this.position = seconds;
    if (this.readyState === 0) return; // the default start position, taken when the media loads
    this.seeking = true;
    this.readyState = 1;
    this.queued.push('seeking');
  }
  play() {
    this.paused = false;
    this.queued.push('play');
    return Promise.resolve();
  }
  pause() {
    this.paused = true;
    this.queued.push('pause');
  }
  /** The events queued so far arrive (the `seeking` of a seek under way among them). */
  deliver() {
    for (const type of this.queued.splice(0)) this.dispatchEvent(new Event(type));
  }
  finishSeek() {
    this.deliver();
    this.seeking = false;
    this.readyState = 4;
    for (const type of ['seeked', 'canplay', 'timeupdate']) this.dispatchEvent(new Event(type));
  }
}

/** wavesurfer's own Player (its seek bookkeeping), behind the WaveSurfer methods the controller calls. */
function setup(media = new SeekingMedia()) {
  const player = new Player({ media: media as unknown as HTMLMediaElement });
  const wavesurfer: WaveSurfer = {
    getMediaElement: () => media,
    getDuration: () => media.duration,
    getCurrentTime: () => player.getCurrentTime(),
    setTime: (seconds: number) => player.setTime(seconds),
    // as WaveSurfer.prototype.seekTo, on the instance
    seekTo: (progress: number) => wavesurfer.setTime(wavesurfer.getDuration() * progress),
    play: () => player.play(),
    pause: () => player.pause(),
    isPlaying: () => player.isPlaying(),
  } as unknown as WaveSurfer;
  const store = createPlayerStore();
  const controller = createController(wavesurfer, store, () => {});
  /**
   * A click at `progress` (0..1) across the waveform or the overview: wavesurfer 8 seeks it with
   * `this.seekTo(progress)` on the instance (its click handler, the minimap's click and drag).
   */
  const click = (progress: number) => wavesurfer.seekTo(progress);
  return { media, store, controller, click };
}

describe('skipping while a seek is under way (L, J, K pressed quickly)', () => {
  it('J pressed before the seek of L has ended brings the call back 5 s', () => {
    const { media, store, controller } = setup();
    controller.skip(5_000);
    expect(media.seeking).toBe(true);
    expect(media.currentTime).toBe(15); // the element reads the target at once
    controller.skip(-5_000);
    media.finishSeek();
    expect(media.currentTime).toBe(10);
    expect(store.get().currentMs).toBe(10_000); // the clock and the transcript followed at once
  });

  it('adds up every press onto the seek under way, within the call', () => {
    const { media, controller } = setup();
    controller.skip(5_000);
    controller.skip(5_000);
    controller.skip(15_000);
    expect(controller.currentMs()).toBe(35_000);
    media.deliver();
    controller.skip(5_000);
    media.finishSeek();
    expect(media.currentTime).toBe(40);

    for (let i = 0; i < 3; i++) controller.skip(15_000);
    expect(controller.currentMs()).toBe(60_000);
    for (let i = 0; i < 5; i++) controller.skip(-15_000);
    media.finishSeek();
    expect(media.currentTime).toBe(0);
  });

  it('a seek (a turn clicked in the transcript) replaces the target; the next skip starts from it', () => {
    const { media, controller } = setup();
    controller.skip(5_000);
    controller.seek(40_000);
    controller.skip(-5_000);
    media.finishSeek();
    expect(media.currentTime).toBe(35);
  });

  it('K (pause) during the seek pauses, and J after it still counts', () => {
    const { media, controller } = setup();
    void media.play();
    controller.skip(5_000);
    controller.togglePlay();
    controller.skip(-5_000);
    media.finishSeek();
    expect(media.paused).toBe(true);
    expect(media.currentTime).toBe(10);
  });

  it('plays a moment from its start even while a skip is under way', async () => {
    const { media, controller } = setup();
    controller.skip(5_000);
    controller.play(30_000);
    media.finishSeek();
    await Promise.resolve();
    expect(media.paused).toBe(false);
    expect(media.currentTime).toBe(30);
  });

  it('before the media has loaded, a seek waits in wavesurfer and a skip adds onto it', () => {
    const media = new SeekingMedia();
    media.readyState = 0;
    const { controller } = setup(media);
    controller.seek(20_000);
    controller.skip(5_000);
    expect(controller.currentMs()).toBe(25_000);
    media.readyState = 4;
    media.dispatchEvent(new Event('canplay'));
    media.finishSeek();
    expect(media.currentTime).toBe(25);
  });
});

describe('a click on the waveform and keys pressed with it (any order)', () => {
  it('a click landing while the seek of L is under way takes the call there', () => {
    const { media, store, controller, click } = setup();
    controller.skip(5_000);
    click(0.5);
    media.finishSeek(); // the `seeking` of L arrives after the click
    expect(media.currentTime).toBe(30);
    expect(store.get().currentMs).toBe(30_000);
  });

  it('J pressed just after a click made mid-seek skips back from the click', () => {
    const { media, controller, click } = setup();
    controller.seek(40_000); // a turn clicked in the transcript, still seeking
    click(0.5);
    media.deliver();
    controller.skip(-5_000);
    media.finishSeek();
    expect(media.currentTime).toBe(25);
  });

  it('a second click while the first one seeks, then L: L counts from the second click', () => {
    const { media, controller, click } = setup();
    click(0.25);
    click(0.5);
    media.deliver();
    controller.skip(5_000);
    media.finishSeek();
    expect(media.currentTime).toBe(35);
  });
});
