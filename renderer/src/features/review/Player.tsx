import { ActionIcon, Alert, Box, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import type { Recording } from '../../../../shared/api';
import { api } from '../../api/client';
import { formatDuration } from '../../app/format';

export interface PlayerHandle {
  seek(seconds: number): void;
}

const LANE_COLORS = {
  agent: { waveColor: '#a5b4fc', progressColor: '#4338ca' },
  customer: { waveColor: '#99e0d2', progressColor: '#0f766e' },
} as const;
const LANE_HEIGHT = 72;

/**
 * Plays a recording from the media endpoint and draws it from the stored peaks, so the renderer
 * never downloads or decodes a whole recording to show its waveform.
 */
export function Player({
  recording,
  onTime,
  onReady,
}: {
  recording: Recording;
  onTime: (seconds: number) => void;
  onReady: (handle: PlayerHandle) => void;
}) {
  const { t } = useTranslation();
  const waveRef = useRef<HTMLDivElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const peaks = useQuery({
    queryKey: ['peaks', recording.id],
    queryFn: () => api.recording.peaks({ recordingId: recording.id, targetPeaks: 4000 }),
    staleTime: Infinity,
  });

  useEffect(() => {
    const container = waveRef.current;
    const media = audioRef.current;
    if (!container || !media || !peaks.data) return;
    const roles = recording.channelRoles;
    const wavesurfer = WaveSurfer.create({
      container,
      media,
      peaks: peaks.data.channels,
      duration: recording.durationMs / 1000,
      height: LANE_HEIGHT,
      normalize: true,
      cursorColor: '#1e1b4b',
      cursorWidth: 2,
      ...(roles && roles.length === peaks.data.channels.length
        ? { splitChannels: roles.map((role) => ({ ...LANE_COLORS[role], height: LANE_HEIGHT })) }
        : LANE_COLORS.agent),
    });
    const unsubscribers = [
      wavesurfer.on('ready', () => setState('ready')),
      wavesurfer.on('play', () => setPlaying(true)),
      wavesurfer.on('pause', () => setPlaying(false)),
      wavesurfer.on('timeupdate', (seconds) => {
        setPosition(seconds);
        onTime(seconds);
      }),
    ];
    onReady({ seek: (seconds) => wavesurfer.setTime(seconds) });
    return () => {
      unsubscribers.forEach((off) => off());
      wavesurfer.destroy();
    };
  }, [peaks.data, recording, onTime, onReady]);

  if (peaks.isError)
    return <Alert color="red">{t('errors.generic', { message: peaks.error.message })}</Alert>;
  const roles = recording.channelRoles;

  return (
    <Paper withBorder p="sm" data-testid="player" data-state={state} data-playing={playing}>
      <Stack gap="xs">
        <Group align="stretch" gap="xs" wrap="nowrap">
          {roles && (
            <Stack gap={0} w={90} justify="space-around">
              {roles.map((role, index) => (
                <Text
                  key={index}
                  size="sm"
                  fw={600}
                  c={role === 'agent' ? 'indigo.7' : 'teal.8'}
                  h={LANE_HEIGHT}
                  lh={`${LANE_HEIGHT}px`}
                >
                  {t(`review.${role}`)}
                </Text>
              ))}
            </Stack>
          )}
          <Box ref={waveRef} style={{ flex: 1, minWidth: 0 }} data-testid="waveform">
            {peaks.isPending && <Loader size="sm" />}
          </Box>
        </Group>
        <Group gap="sm">
          <ActionIcon
            size="lg"
            radius="xl"
            onClick={() => void audioRef.current?.[playing ? 'pause' : 'play']()}
            aria-label={playing ? t('review.pause') : t('review.play')}
            data-testid="player-toggle"
            disabled={state !== 'ready'}
          >
            {playing ? <PauseIcon /> : <PlayIcon />}
          </ActionIcon>
          <Text ff="monospace" size="sm" data-testid="player-position">
            {t('review.position', {
              current: formatDuration(position * 1000),
              total: formatDuration(recording.durationMs),
            })}
          </Text>
          {mediaError && (
            <Text c="red" size="sm" data-testid="player-error">
              {t('review.mediaError', { message: mediaError })}
            </Text>
          )}
        </Group>
      </Stack>
      <audio
        ref={audioRef}
        src={api.mediaUrl(recording.id)}
        preload="metadata"
        data-testid="player-audio"
        onError={(event) =>
          setMediaError(event.currentTarget.error?.message || String(event.currentTarget.error?.code))
        }
      />
    </Paper>
  );
}

function PlayIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M7 4v16l13-8z" fill="currentColor" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M6 4h4v16H6zM14 4h4v16h-4z" fill="currentColor" />
    </svg>
  );
}
