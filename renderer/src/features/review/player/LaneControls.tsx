import { ActionIcon, Group, Slider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MutedIcon, SpeakerIcon } from '../icons';
import { LANE_HEIGHT, type Lane } from './lanes';
import type { ChannelMixerControls } from './useChannelMixer';

export const LANE_LABEL_WIDTH = 132;

/** Beside each lane: who is on it, and (where Web Audio can hear the media) mute and volume for it. */
export function LaneControls({ lanes, mixer }: { lanes: Lane[]; mixer: ChannelMixerControls }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} w={LANE_LABEL_WIDTH} style={{ flexShrink: 0 }}>
      {lanes.map((lane) => {
        const label = lane.role
          ? t(`review.${lane.role}`)
          : lanes.length > 1
            ? t('review.player.channel', { number: lane.channel + 1 })
            : t('review.player.mixed');
        const muted = mixer.muted[lane.channel] ?? false;
        return (
          <Stack
            key={lane.channel}
            h={LANE_HEIGHT}
            gap={2}
            justify="center"
            className={lane.role ? `speaker-${lane.role}` : undefined}
            data-testid="player-lane"
            data-role={lane.role ?? 'mixed'}
          >
            <Text size="sm" fw={700} c="var(--speaker-color, var(--mantine-color-gray-7))" lh={1.2}>
              {label}
            </Text>
            {mixer.available && (
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  size="sm"
                  variant={muted ? 'filled' : 'subtle'}
                  color={muted ? 'red' : 'gray'}
                  onClick={() => mixer.toggleMute(lane.channel)}
                  onMouseDown={(event) => event.preventDefault()}
                  aria-label={t(muted ? 'review.player.unmute' : 'review.player.mute', { channel: label })}
                  aria-pressed={muted}
                  data-testid="lane-mute"
                >
                  {muted ? <MutedIcon size={14} /> : <SpeakerIcon size={14} />}
                </ActionIcon>
                <Slider
                  size="xs"
                  w={84}
                  min={0}
                  max={1}
                  step={0.05}
                  value={muted ? 0 : (mixer.volumes[lane.channel] ?? 1)}
                  onChange={(value) => mixer.setVolume(lane.channel, value)}
                  label={(value) => `${Math.round(value * 100)} %`}
                  aria-label={t('review.player.volume', { channel: label })}
                  data-testid="lane-volume"
                />
              </Group>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
