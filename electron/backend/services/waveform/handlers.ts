import type { waveformMethods } from '../../../../shared/api/methods/waveform';
import type { BackendContext, HandlersFor } from '../../context';
import { assertSeesRecording } from '../viewer';
import { encodedAudioWindow } from './packets';
import { savePeaksPart } from './upload';

const noRecording = (id: number) => `recordingId: there is no recording with id ${id}.`;

/** A team lead plays and draws only their teams' agents' recordings (services/viewer.ts). */
export function waveformHandlers({ database }: BackendContext): HandlersFor<keyof typeof waveformMethods> {
  return {
    'recording.encodedAudio': async (params, { viewer }) => {
      await assertSeesRecording(database.query, viewer, params.recordingId, noRecording(params.recordingId));
      return encodedAudioWindow(database.query, params);
    },
    'recording.savePeaks': async (params, { viewer }) => {
      await assertSeesRecording(database.query, viewer, params.recordingId, noRecording(params.recordingId));
      return savePeaksPart(database, params);
    },
  };
}
