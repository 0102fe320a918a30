import { EarmarkError } from '../../../shared/errors';
import { localDate } from '../clock';

/** "14:02" today, "2024-05-03 14:02" another day: the server's local time, as its `today` is. */
function whenSaved(at: string, now: Date): string {
  const saved = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(saved.getHours())}:${pad(saved.getMinutes())}`;
  return localDate(saved) === localDate(now) ? time : `${localDate(saved)} ${time}`;
}

/**
 * The refusal of a save that started from an older version than the stored one (two places editing one
 * thing). Nothing was written; the message names who saved when, so the person can decide whose
 * words stay, and says their own are kept in the editor.
 */
export function editConflict(
  what: string,
  saved: { by: string | null; at: string | null },
  now: Date,
): EarmarkError {
  const who = saved.by ?? 'Someone';
  const when = saved.at === null ? '' : ` at ${whenSaved(saved.at, now)}`;
  return new EarmarkError(
    'edit_conflict',
    `${who} saved ${what}${when}; your changes are kept here — reload to see theirs, or save again to overwrite them.`,
  );
}
