import { ActionIcon, Button, Divider, Group, NativeSelect, Slider, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FitIcon, NextTurnIcon, PauseIcon, PlayIcon, PreviousTurnIcon, ZoomIcon } from '../icons';
import type { PlayerController } from './controller';
import { PlayerClock } from './PlayerClock';
import { usePlayerState, type PlayerStore } from './player-store';
import { SPEEDS } from './speeds';
import { stepFromZoom, zoomFromStep, ZOOM_KEY_STEP, ZOOM_STEPS } from './zoom';

// Toolbar buttons keep the keyboard focus where it was, so Space still plays and pauses after a click.
const keepFocus = { onMouseDown: (event: React.MouseEvent) => event.preventDefault() };

/** Transport (skips, play, turns), the clock, speed, zoom and silence skipping, under the waveform. */
export function PlayerControls({
  store,
  controller,
  durationMs,
  onTurn,
  hasTurns,
}: {
  store: PlayerStore;
  controller: PlayerController | null;
  durationMs: number;
  onTurn: (direction: 1 | -1) => void;
  hasTurns: boolean;
}) {
  const { t } = useTranslation();
  const playing = usePlayerState(store, (state) => state.playing);
  const rate = usePlayerState(store, (state) => state.rate);
  const zoom = usePlayerState(store, (state) => state.zoom);
  const fit = usePlayerState(store, (state) => state.fitZoom);
  const skipSilences = usePlayerState(store, (state) => state.skipSilences);
  const disabled = controller === null;
  const zoomStep = stepFromZoom(zoom, fit);
  const skip = (seconds: number) => (
    <Button
      size="compact-sm"
      variant="default"
      onClick={() => controller?.skip(seconds * 1000)}
      disabled={disabled}
      aria-label={t(seconds < 0 ? 'review.player.back' : 'review.player.forward', {
        seconds: Math.abs(seconds),
      })}
      data-testid={`player-skip${seconds}`}
      {...keepFocus}
    >
      {seconds < 0 ? `−${-seconds}` : `+${seconds}`}
    </Button>
  );

  return (
    <Group gap="xs" wrap="wrap" data-testid="player-controls">
      <Group gap={4} wrap="nowrap">
        {skip(-15)}
        {skip(-5)}
        <ActionIcon
          size="lg"
          radius="xl"
          onClick={() => controller?.togglePlay()}
          aria-label={playing ? t('review.pause') : t('review.play')}
          disabled={disabled}
          data-testid="player-toggle"
          {...keepFocus}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </ActionIcon>
        {skip(5)}
        {skip(15)}
      </Group>
      {hasTurns && (
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            onClick={() => onTurn(-1)}
            disabled={disabled}
            title={t('review.player.previousTurn')}
            aria-label={t('review.player.previousTurn')}
            {...keepFocus}
          >
            <PreviousTurnIcon />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            onClick={() => onTurn(1)}
            disabled={disabled}
            title={t('review.player.nextTurn')}
            aria-label={t('review.player.nextTurn')}
            {...keepFocus}
          >
            <NextTurnIcon />
          </ActionIcon>
        </Group>
      )}
      <PlayerClock store={store} controller={controller} durationMs={durationMs} />
      <Divider orientation="vertical" />
      <NativeSelect
        size="xs"
        w={80}
        data={SPEEDS.map((speed) => ({ value: String(speed), label: `${speed}×` }))}
        value={String(rate)}
        onChange={(event) => controller?.setRate(Number(event.currentTarget.value))}
        disabled={disabled}
        aria-label={t('review.player.speed')}
        data-testid="player-speed"
      />
      <Group gap={6} wrap="nowrap" title={t('review.player.zoom')}>
        <ZoomIcon size={16} />
        <Slider
          w={110}
          size="sm"
          min={0}
          max={ZOOM_STEPS}
          step={1}
          value={zoomStep}
          onChange={(step) => controller?.zoomTo(zoomFromStep(step, fit))}
          label={null}
          disabled={disabled}
          aria-label={t('review.player.zoom')}
          data-testid="player-zoom"
          data-zoom={Math.round(zoom)}
        />
        <ActionIcon
          size="sm"
          variant="subtle"
          onClick={() => controller?.zoomTo(0)}
          disabled={disabled || zoom === 0}
          title={t('review.player.fit')}
          aria-label={t('review.player.fit')}
          data-testid="player-zoom-fit"
          {...keepFocus}
        >
          <FitIcon size={16} />
        </ActionIcon>
      </Group>
      <Switch
        size="xs"
        label={t('review.player.skipSilences')}
        checked={skipSilences}
        onChange={(event) => store.set({ skipSilences: event.currentTarget.checked })}
        data-testid="player-skip-silences"
      />
    </Group>
  );
}

/** Zoom in or out by one key step from the current zoom. */
export function zoomByKey(store: PlayerStore, controller: PlayerController, direction: 1 | -1): void {
  const { zoom, fitZoom } = store.get();
  controller.zoomTo(
    zoomFromStep(Math.max(0, stepFromZoom(zoom, fitZoom) + direction * ZOOM_KEY_STEP), fitZoom),
  );
}
