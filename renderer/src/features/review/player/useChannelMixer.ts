import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { api } from '../../../api/client';
import { ChannelMixer } from './channel-mixer';

export interface ChannelLevels {
  /** Per channel, 0..1. */
  volumes: number[];
  muted: boolean[];
}

export interface ChannelMixerControls extends ChannelLevels {
  /** False where the recording is not same-origin (desktop app): the lanes then have no controls. */
  available: boolean;
  setVolume(channel: number, volume: number): void;
  toggleMute(channel: number): void;
  /** Builds the audio graph if needed and starts the context; call from a user gesture (play). */
  activate(): void;
}

/** Web Audio hears only same-origin media; the browser host serves recordings from its own origin. */
const sameOriginMedia = api.transport === 'browser';

export function useChannelMixer(
  media: RefObject<HTMLMediaElement | null>,
  channels: number,
): ChannelMixerControls {
  const available = sameOriginMedia && channels > 1;
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
