import { ActionIcon, Blockquote, Group, Slider, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkedMoment } from '../../../../shared/api/methods/coaching';
import { formatDuration } from '../../app/format';
import { PauseIcon, PlayIcon } from '../review/icons';
import { clipSpan, elapsedInSpan, spanLength } from './clip-span';
import { readingTimeMs, timeLeft } from './reading-clock';
import { useClipPlayback } from './useClipPlayback';
import { useReadingPlayback } from './useReadingPlayback';

export interface ClipPlayerProps {
  moment: LinkedMoment;
  /** Start at once (a reel moving on to its next clip); browsers may still wait for a click. */
  autoPlay?: boolean;
  /** The clip played to its end (not fired on pause). */
  onEnded?: () => void;
  /** Shown above the controls, e.g. "Clip 2 of 5". */
  label?: string;
}

/**
 * Plays just the moment: a range from start to end, a point from two seconds before it for ten seconds,
 * with play/pause, a bar over the clip and its elapsed time. A chat message or an untimed transcript turn
 * has no recording: it is shown, and "plays" for its reading time (see ./reading-clock) with the same
 * controls, a countdown, and `onEnded`, so a reel moves on from it too. Shared by the agent page, the wow
 * reel and the coaching session. The quoted text takes its size from the CSS variable
 * `--clip-quote-size` where a screen sets one (the reel does, for reading in a meeting room).
 *
 * For tests: `data-clip-kind` is audio, reading or none (nothing to play or read); `data-clip-state` is
 * idle, playing, paused or ended; `data-current-ms` is the position in the recording, updated while
 * playing, and for a reading time the time elapsed since its start; `data-clip-from-ms` and
 * `data-clip-to-ms` are the clip's span in the recording, and 0 and the reading time for a text.
 */
export function ClipPlayer({ moment, autoPlay = false, onEnded, label }: ClipPlayerProps) {
  const { t } = useTranslation();
  const audioRef = useRef<HTMLAudioElement>(null);
  const requested = clipSpan(moment);
  const readingMs = requested === null && moment.turnText ? readingTimeMs(moment.turnText) : null;
  const audio = useClipPlayback(audioRef, requested, { autoPlay: autoPlay && requested !== null, onEnded });
  const reading = useReadingPlayback(readingMs, { autoPlay: autoPlay && readingMs !== null, onEnded });
  const { span } = audio;
  const kind = span ? 'audio' : reading.lengthMs !== null ? 'reading' : 'none';
  const state = kind === 'audio' ? audio.state : reading.state;
  const positionMs = kind === 'audio' ? audio.positionMs : kind === 'reading' ? reading.elapsedMs : null;

  return (
    <Stack
      gap={4}
      data-testid="clip-player"
      data-clip-kind={kind}
      data-clip-state={state}
      data-current-ms={positionMs === null ? undefined : Math.round(positionMs)}
      data-clip-from-ms={span ? span.fromMs : kind === 'reading' ? 0 : undefined}
      data-clip-to-ms={span ? span.toMs : (reading.lengthMs ?? undefined)}
      data-moment-id={moment.id}
    >
      {label && (
        <Text size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
      )}
      {span ? (
        <>
          <ClipControls
            playing={state === 'playing'}
            lengthMs={spanLength(span)}
            elapsedMs={elapsedInSpan(span, positionMs ?? span.fromMs)}
            onToggle={() => (state === 'playing' ? audio.pause() : void audio.play())}
            onSeek={(elapsed) => audio.seek(span.fromMs + elapsed)}
          />
          {audio.failed && (
            <Text size="xs" c="red" data-testid="clip-error">
              {t('clips.unplayable')}
            </Text>
          )}
          {moment.turnText && <TurnQuote text={moment.turnText} small />}
        </>
      ) : moment.turnText && reading.lengthMs !== null ? (
        <>
          <TurnQuote text={moment.turnText} />
          <ClipControls
            playing={state === 'playing'}
            lengthMs={reading.lengthMs}
            elapsedMs={reading.elapsedMs}
            countdown
            onToggle={() => (state === 'playing' ? reading.pause() : reading.play())}
            onSeek={reading.seek}
          />
        </>
      ) : (
        <Text size="sm" c="dimmed" data-testid="clip-no-audio">
          {t('clips.noAudio')}
        </Text>
      )}
      {/* Always in the DOM so the hook can listen to it; it has no source until play is pressed. */}
      <audio ref={audioRef} preload="none" hidden />
    </Stack>
  );
}

function ClipControls(props: {
  playing: boolean;
  lengthMs: number;
  elapsedMs: number;
  /** Show the time left ("-0:07") rather than elapsed and total: a reading time counts down. */
  countdown?: boolean;
  onToggle: () => void;
  onSeek: (elapsedMs: number) => void;
}) {
  const { t } = useTranslation();
  // While the handle is dragged it shows where it is, not where playback is.
  const [dragging, setDragging] = useState<number | null>(null);
  const toggleLabel = props.playing ? t('clips.pause') : t('clips.play');
  return (
    <Group gap="xs" wrap="nowrap">
      <ActionIcon
        variant="filled"
        radius="xl"
        size="lg"
        onClick={props.onToggle}
        aria-label={toggleLabel}
        title={toggleLabel}
        data-testid="clip-toggle"
      >
        {props.playing ? <PauseIcon size={16} /> : <PlayIcon size={16} />}
      </ActionIcon>
      <Slider
        style={{ flex: 1, minWidth: 60 }}
        size="sm"
        min={0}
        max={Math.max(1, props.lengthMs)}
        step={100}
        value={dragging ?? Math.min(props.elapsedMs, props.lengthMs)}
        onChange={setDragging}
        onChangeEnd={(value) => {
          setDragging(null);
          props.onSeek(value);
        }}
        label={(value) => formatDuration(value)}
        thumbLabel={t('clips.position')}
        data-testid="clip-progress"
      />
      <Text size="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="clip-time">
        {props.countdown
          ? `-${formatDuration(timeLeft(props.lengthMs, dragging ?? props.elapsedMs))}`
          : `${formatDuration(dragging ?? props.elapsedMs)} / ${formatDuration(props.lengthMs)}`}
      </Text>
    </Group>
  );
}

/** What the agent or customer wrote or said in the moment's turn, quoted. */
function TurnQuote({ text, small = false }: { text: string; small?: boolean }) {
  return (
    <Blockquote
      color="gray"
      p={small ? 6 : 'xs'}
      pl={small ? 'xs' : 'sm'}
      mt={small ? 2 : 0}
      fz={small ? 'xs' : 'var(--clip-quote-size, var(--mantine-font-size-sm))'}
      fs="italic"
      style={{ whiteSpace: 'pre-wrap' }}
      data-testid="clip-quote"
    >
      {text}
    </Blockquote>
  );
}
