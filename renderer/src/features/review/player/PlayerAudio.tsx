import type { Ref } from 'react';

/**
 * The player's media element. `crossOrigin` makes it fetch the recording in CORS mode: in the desktop
 * app the recording comes from the `earmark-media:` scheme, another origin than the page's, and Web
 * Audio (per-lane volume and mute) hears only silence from cross-origin media fetched without CORS. The
 * scheme answers with the app's origin in Access-Control-Allow-Origin (electron/main/protocols.ts);
 * in the browser host the recording is same-origin and the attribute changes nothing.
 */
export function PlayerAudio({
  ref,
  src,
  onError,
}: {
  ref?: Ref<HTMLAudioElement>;
  src: string;
  onError: (message: string) => void;
}) {
  return (
    <audio
      ref={ref}
      src={src}
      crossOrigin="anonymous"
      preload="metadata"
      data-testid="player-audio"
      onError={(event) =>
        onError(event.currentTarget.error?.message || String(event.currentTarget.error?.code))
      }
    />
  );
}
