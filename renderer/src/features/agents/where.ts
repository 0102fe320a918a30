import type { TFunction } from 'i18next';
import type { LinkedMoment } from '../../../../shared/api/methods/coaching';
import { formatDuration } from '../../app/format';

/** Where in the interaction a moment is: "at 1:23", "1:23–1:41", or "message 4" for a chat turn. */
export function momentPlace(t: TFunction, moment: LinkedMoment): string {
  if (moment.startMs === null)
    return moment.turnSeq === null ? '' : t('agents.moments.turn', { number: moment.turnSeq + 1 });
  if (moment.endMs === null || moment.endMs <= moment.startMs)
    return t('agents.moments.at', { time: formatDuration(moment.startMs) });
  return `${formatDuration(moment.startMs)}–${formatDuration(moment.endMs)}`;
}
