import type { Recording, Speaker } from '../../../../../shared/api';

/** One drawn lane of the waveform: a channel of the recording, and who is on it when known. */
export interface Lane {
  channel: number;
  role: Speaker | null;
  waveColor: string;
  progressColor: string;
}

const COLORS: Record<Speaker | 'unknown', { waveColor: string; progressColor: string }> = {
  agent: { waveColor: '#a5b4fc', progressColor: '#4338ca' },
  customer: { waveColor: '#99e0d2', progressColor: '#0f766e' },
  unknown: { waveColor: '#cbd5e1', progressColor: '#475569' },
};

export const LANE_HEIGHT = 64;

/** Stereo calls get a lane per channel (agent and customer); a mixed recording gets one. */
export function lanesOf(recording: Recording): Lane[] {
  return Array.from({ length: Math.max(1, recording.channels) }, (_, channel) => {
    const role = recording.channels > 1 ? (recording.channelRoles?.[channel] ?? null) : null;
    return { channel, role, ...COLORS[role ?? 'unknown'] };
  });
}
