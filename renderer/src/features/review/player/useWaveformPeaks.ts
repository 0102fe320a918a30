import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Recording } from '../../../../../shared/api';
import { EarmarkError } from '../../../../../shared/errors';
import { api } from '../../../api/client';
import { computeAacPeaks, WaveformUnavailable } from './aac-peaks';

/** The finest stored level: about 100 peaks a second (electron/backend/media/peaks.ts peakResolutions). */
const finestSamplesPerPeak = (sampleRate: number) => Math.max(1, Math.round(sampleRate / 100));

export type WaveformStatus =
  | { state: 'stored' }
  /** An AAC recording's peaks being computed by this window's decoder; `progress` 0..1. */
  | { state: 'drawing'; progress: number }
  /** No peaks and none to be had here: the lanes stay flat, the call plays. */
  | { state: 'unavailable'; reason: string | null };

/**
 * Whether the player can draw the recording's waveform, and the work to make it so: an AAC recording
 * opened for the first time gets its peaks computed here (see aac-peaks.ts) while it already plays with
 * flat lanes. Once they are stored, the interaction is fetched again: its recording then says it has
 * peaks, and the player redraws from them.
 */
export function useWaveformPeaks(recording: Recording): WaveformStatus {
  const queryClient = useQueryClient();
  // Kept with the recording it is about, so another recording starts from its own initial status.
  const [latest, setProgress] = useState<{ recording: Recording; status: WaveformStatus } | null>(null);

  useEffect(() => {
    if (recording.hasPeaks || recording.codec !== 'aac') return;
    const controller = new AbortController();
    computeAacPeaks(api.recording, recording, finestSamplesPerPeak(recording.sampleRate), {
      signal: controller.signal,
      onProgress: (progress) =>
        !controller.signal.aborted && setProgress({ recording, status: { state: 'drawing', progress } }),
    })
      // Another window that drew them first ('conflict') leaves them stored all the same.
      .catch((error: unknown) => {
        if (error instanceof EarmarkError && error.code === 'conflict') return;
        throw error;
      })
      .then(
        () => {
          if (controller.signal.aborted) return;
          queryClient.removeQueries({ queryKey: ['peaksWindow', recording.id] });
          void queryClient.invalidateQueries({ queryKey: ['interaction'] });
          setProgress({ recording, status: { state: 'stored' } });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const reason =
            error instanceof WaveformUnavailable || error instanceof Error ? error.message : null;
          setProgress({ recording, status: { state: 'unavailable', reason } });
        },
      );
    return () => controller.abort();
  }, [queryClient, recording]);

  return latest?.recording === recording ? latest.status : initialStatus(recording);
}

function initialStatus(recording: Recording): WaveformStatus {
  if (recording.hasPeaks) return { state: 'stored' };
  return recording.codec === 'aac'
    ? { state: 'drawing', progress: 0 }
    : { state: 'unavailable', reason: null };
}
