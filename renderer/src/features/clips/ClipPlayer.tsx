import { ActionIcon, Blockquote, Group, Slider, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkedMoment } from '../../../../shared/api/methods/coaching';
import { formatDuration } from '../../app/format';
import { PauseIcon, PlayIcon } from '../review/icons';
import { clipSpan, elapsedInSpan, spanLength } from './clip-span';
import { useClipPlayback } from './useClipPlayback';

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
 * with play/pause, a bar over the clip and its elapsed time; chat and untimed transcript moments show
 * what was written instead. Shared by the agent page, the wow reel and the coaching session.
 *
 * For tests: `data-clip-state` is idle, playing, paused or ended; `data-current-ms` is the position in
 * the recording, updated while playing; `data-clip-from-ms` and `data-clip-to-ms` are the clip's span.
 */
export function ClipPlayer({ moment, autoPlay = false, onEnded, label }: ClipPlayerProps) {
  const { t } = useTranslation();
  const audioRef = useRef<HTMLAudioElement>(null);
  const playback = useClipPlayback(audioRef, clipSpan(moment), { autoPlay, onEnded });
  const { span, state, positionMs } = playback;

  return (
    <Stack
      gap={4}
      data-testid="clip-player"
      data-clip-state={state}
      data-current-ms={positionMs === null ? undefined : Math.round(positionMs)}
      data-clip-from-ms={span?.fromMs}
      data-clip-to-ms={span?.toMs}
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
            onToggle={() => (state === 'playing' ? playback.pause() : void playback.play())}
            onSeek={(elapsed) => playback.seek(span.fromMs + elapsed)}
          />
          {playback.failed && (
            <Text size="xs" c="red" data-testid="clip-error">
              {t('clips.unplayable')}
            </Text>
          )}
          {moment.turnText && <TurnQuote text={moment.turnText} small />}
        </>
      ) : moment.turnText ? (
        <TurnQuote text={moment.turnText} />
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
        {formatDuration(dragging ?? props.elapsedMs)} / {formatDuration(props.lengthMs)}
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
      fz={small ? 'xs' : 'sm'}
      fs="italic"
      style={{ whiteSpace: 'pre-wrap' }}
      data-testid="clip-quote"
    >
      {text}
    </Blockquote>
  );
}
