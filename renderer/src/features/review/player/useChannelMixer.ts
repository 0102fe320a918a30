import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ChannelMixer } from './channel-mixer';

export interface ChannelLevels {
  /** Per channel, 0..1. */
  volumes: number[];
  muted: boolean[];
}

export interface ChannelMixerControls extends ChannelLevels {
  /** False for a single-channel recording: there is nothing to mix. */
  available: boolean;
  setVolume(channel: number, volume: number): void;
  toggleMute(channel: number): void;
  /** Builds the audio graph if needed and starts the context; call from a user gesture (play). */
  activate(): void;
}

export function useChannelMixer(
  media: RefObject<HTMLMediaElement | null>,
  channels: number,
): ChannelMixerControls {
  // Web Audio hears the media in both hosts: the browser host serves it from the page's own origin, the
  // desktop app's media scheme answers the element's CORS request (see PlayerAudio).
  const available = channels > 1;
  const mixer = useRef<ChannelMixer | null>(null);
  const [initial] = useState<ChannelLevels>(() => ({
    volumes: Array<number>(channels).fill(1),
    muted: Array<boolean>(channels).fill(false),
  }));
  // The levels live in a ref for the audio graph (read in event handlers) and in state for the sliders.
  const current = useRef(initial);
  const [levels, setLevels] = useState(initial);

  const apply = useCallback((next: ChannelLevels) => {
    next.volumes.forEach((volume, channel) =>
      mixer.current?.setLevel(channel, next.muted[channel] ? 0 : volume),
    );
  }, []);

  const activate = useCallback(() => {
    const element = media.current;
    if (!available || !element) return;
    if (!mixer.current) {
      mixer.current = new ChannelMixer(element, channels);
      apply(current.current);
    }
    void mixer.current.resume();
  }, [available, media, channels, apply]);

  useEffect(
    () => () => {
      mixer.current?.dispose();
      mixer.current = null;
    },
    [],
  );

  const change = (update: (levels: ChannelLevels) => ChannelLevels) => {
    const next = update(current.current);
    current.current = next;
    setLevels(next);
    activate();
    apply(next);
  };

  return {
    ...levels,
    available,
    activate,
    setVolume: (channel, volume) =>
      change((was) => ({
        volumes: was.volumes.map((v, c) => (c === channel ? volume : v)),
        muted: was.muted.map((m, c) => (c === channel ? false : m)),
      })),
    toggleMute: (channel) =>
      change((was) => ({ ...was, muted: was.muted.map((m, c) => (c === channel ? !m : m)) })),
  };
}
