import { Alert, Box, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording } from '../../../../../shared/api';
import type { Moment, Tag } from '../../../../../shared/api/methods/review';
import { useMediaUrl } from '../../../api/hooks';
import { useShortcuts } from '../../shortcuts/useShortcuts';
import { createController, type PlayerController } from './controller';
import { LaneControls, LANE_LABEL_WIDTH } from './LaneControls';
import { lanesOf } from './lanes';
import { PlayerAudio } from './PlayerAudio';
import { PlayerControls, zoomByKey } from './PlayerControls';
import { usePlayerState, type PlayerStore } from './player-store';
import { silencesFromLoudness, type Silence } from './silences';
import { stepSpeed } from './speeds';
import { useChannelMixer } from './useChannelMixer';
import { useMomentRegions, type MomentRegionHandlers } from './useMomentRegions';
import { useSkipSilences } from './useSkipSilences';
import { useWaveformPeaks, type WaveformStatus } from './useWaveformPeaks';
import { useWaveSurfer } from './useWaveSurfer';
import { useZoomedPeaks } from './useZoomedPeaks';

export interface PlayerProps {
  recording: Recording;
  store: PlayerStore;
  moments: readonly Moment[];
  selectedMomentId: number | null;
  tags: ReadonlyMap<number, Tag>;
  /** Long silences from the transcript; null to find them in the loudness (calls without a transcript). */
  silences: readonly Silence[] | null;
  momentHandlers: MomentRegionHandlers;
  /** Jumps to the next or previous transcript turn; absent when there is no timed transcript. */
  onTurn: ((direction: 1 | -1) => void) | null;
  onController: (controller: PlayerController | null) => void;
}

/**
 * The call player: a lane per channel drawn from stored peaks, with a timeline, a minimap of the whole
 * call and moments as regions; the media streams from the Range-capable URL. Owns the playback keys.
 * The URL is asked for first (the browser host signs one per recording), then the player is built on it.
 */
export const Player = memo(function Player(props: PlayerProps) {
  const { t } = useTranslation();
  const media = useMediaUrl(props.recording.id);
  if (media.state === 'error') {
    return (
      <Alert color="red" data-testid="player-error">
        {t('review.mediaError', { message: media.message })}
      </Alert>
    );
  }
  if (media.state === 'loading') {
    return (
      <Paper withBorder p="sm" data-testid="player" data-state="loading">
        <Loader size="sm" m="md" />
      </Paper>
    );
  }
  return <PlayerOnMedia {...props} mediaUrl={media.url} />;
});

const PlayerOnMedia = memo(function PlayerOnMedia(props: PlayerProps & { mediaUrl: string }) {
  const { recording, store, onController } = props;
  const { t } = useTranslation();
  const lanes = useMemo(() => lanesOf(recording), [recording]);
  const container = useRef<HTMLDivElement>(null);
  const minimap = useRef<HTMLDivElement>(null);
  const media = useRef<HTMLAudioElement>(null);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const waveform = useWaveformPeaks(recording);
  const { setup, error } = useWaveSurfer({ container, minimap, media, recording, lanes, store });
  useZoomedPeaks(setup, recording.id);
  useMomentRegions(setup, props.moments, props.selectedMomentId, props.tags, props.momentHandlers);
  const mixer = useChannelMixer(media, lanes.length);
  const { activate } = mixer;
  const controller = useMemo(
    () => (setup ? createController(setup.wavesurfer, store, activate) : null),
    [setup, store, activate],
  );
  useEffect(() => {
    onController(controller);
    return () => onController(null);
  }, [controller, onController]);
  const silences = useMemo(() => {
    if (props.silences || !setup) return props.silences ?? [];
    const { overviewWindow } = setup;
    return silencesFromLoudness(
      overviewWindow.channels,
      (1000 * overviewWindow.samplesPerPeak) / overviewWindow.sampleRate,
    );
  }, [props.silences, setup]);
  useSkipSilences(store, controller, silences);
  const ready = usePlayerState(store, (state) => state.ready);

  useShortcuts('review', {
    playPause: () => controller?.togglePlay(),
    back5: () => controller?.skip(-5_000),
    forward5: () => controller?.skip(5_000),
    back15: () => controller?.skip(-15_000),
    forward15: () => controller?.skip(15_000),
    previousTurn: () => props.onTurn?.(-1),
    nextTurn: () => props.onTurn?.(1),
    slower: () => controller?.setRate(stepSpeed(controller.rate(), -1)),
    faster: () => controller?.setRate(stepSpeed(controller.rate(), 1)),
    normalSpeed: () => controller?.setRate(1),
    zoomIn: () => controller && zoomByKey(store, controller, 1),
    zoomOut: () => controller && zoomByKey(store, controller, -1),
    zoomFit: () => controller?.zoomTo(0),
    skipSilences: () => store.set({ skipSilences: !store.get().skipSilences }),
    toggleAgent: () => toggleRole('agent'),
    toggleCustomer: () => toggleRole('customer'),
  });
  const toggleRole = (role: 'agent' | 'customer') => {
    const lane = lanes.find((l) => l.role === role);
    if (lane && mixer.available) mixer.toggleMute(lane.channel);
  };

  if (error) return <Alert color="red">{t('errors.generic', { message: error.message })}</Alert>;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="player"
      data-state={ready ? 'ready' : 'loading'}
      data-waveform={waveform.state}
    >
      <Stack gap="xs">
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <LaneControls lanes={lanes} mixer={mixer} />
          <Box style={{ flex: 1, minWidth: 0, position: 'relative' }}>
            <Box ref={container} data-testid="waveform">
              {!ready && <Loader size="sm" m="md" />}
            </Box>
            {ready && waveform.state !== 'stored' && <WaveformNote status={waveform} />}
          </Box>
        </Group>
        <Group gap="xs" wrap="nowrap" align="center">
          <Text size="xs" c="dimmed" w={LANE_LABEL_WIDTH} style={{ flexShrink: 0 }}>
            {t('review.player.overview')}
          </Text>
          <Box ref={minimap} style={{ flex: 1, minWidth: 0 }} data-testid="minimap" />
        </Group>
        <PlayerControls
          store={store}
          controller={controller}
          durationMs={recording.durationMs}
          onTurn={(direction) => props.onTurn?.(direction)}
          hasTurns={props.onTurn !== null}
        />
        {mediaError && (
          <Text c="red" size="sm" data-testid="player-error">
            {t('review.mediaError', { message: mediaError })}
          </Text>
        )}
      </Stack>
      <PlayerAudio ref={media} src={props.mediaUrl} onError={setMediaError} />
    </Paper>
  );
});

/** Over the flat lanes of a recording without peaks: that they are being drawn, or why there are none. */
function WaveformNote({ status }: { status: Exclude<WaveformStatus, { state: 'stored' }> }) {
  const { t } = useTranslation();
  return (
    <Text
      size="xs"
      c="dimmed"
      data-testid="waveform-status"
      style={{ position: 'absolute', top: 4, left: 8, pointerEvents: 'none' }}
    >
      {status.state === 'drawing'
        ? // 100 % only once stored: the last part may still be on its way.
          t('review.player.waveformDrawing', { percent: Math.min(99, Math.round(status.progress * 100)) })
        : t('review.player.waveformUnavailable')}
    </Text>
  );
}
