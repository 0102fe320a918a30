import type { waveformMethods } from '../../../../shared/api/methods/waveform';
import type { BackendContext, HandlersFor } from '../../context';
import { encodedAudioWindow } from './packets';
import { savePeaksPart } from './upload';

export function waveformHandlers({ db }: BackendContext): HandlersFor<keyof typeof waveformMethods> {
  return {
    'recording.encodedAudio': (params) => encodedAudioWindow(db, params),
    'recording.savePeaks': (params) => savePeaksPart(db, params),
  };
}
