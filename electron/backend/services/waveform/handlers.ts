import type { waveformMethods } from '../../../../shared/api/methods/waveform';
import type { BackendContext, HandlersFor } from '../../context';
import { encodedAudioWindow } from './packets';
import { savePeaksPart } from './upload';

export function waveformHandlers({ database }: BackendContext): HandlersFor<keyof typeof waveformMethods> {
  return {
    'recording.encodedAudio': (params) => encodedAudioWindow(database.query, params),
    'recording.savePeaks': (params) => savePeaksPart(database, params),
  };
}
