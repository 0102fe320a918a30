import { queryOptions } from '@tanstack/react-query';
import type { Recording } from '../../../../../shared/api';
import { api } from '../../../api/client';

/** About two peaks per pixel of a wide screen: enough for the overview and the minimap of any call. */
const OVERVIEW_PEAKS = 3000;

/** The whole recording's loudness at overview density; the page asks for it as soon as it knows the recording. */
export function overviewPeaksQuery(recording: Pick<Recording, 'id' | 'durationMs'>) {
  return queryOptions({
    queryKey: ['peaksWindow', recording.id, 'overview'],
    queryFn: () =>
      api.recording.peaksWindow({
        recordingId: recording.id,
        fromMs: 0,
        toMs: Math.max(1, recording.durationMs),
        targetPeaks: OVERVIEW_PEAKS,
      }),
    staleTime: Infinity,
  });
}
