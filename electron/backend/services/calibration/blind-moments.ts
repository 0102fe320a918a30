import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';

/**
 * While a calibration session is open, its participants score its calls and chats blind, so they pin
 * nothing on them: a moment (its comment, its tags) is read by everyone who opens the call, and would
 * show one participant's judgement to the others before the reveal. Pinning, changing and bringing back
 * a moment are refused for them until the manager reveals (or closes) the session; deleting their own
 * moment is not, as it shows nobody anything. People who do not take part (the manager who set it up,
 * a supervisor whose queue holds the same call) work on as always: the scoring page shows participants
 * no moments at all. After the reveal everybody works on as usual.
 */
export async function assertNotScoringBlind(
  q: Query,
  actorId: number | null,
  interactionId: number,
): Promise<void> {
  if (actorId === null) return;
  const open = await q
    .selectFrom('calibration_participants as p')
    .innerJoin('calibration_interactions as c', 'c.session_id', 'p.session_id')
    .innerJoin('calibration_sessions as s', 's.id', 'p.session_id')
    .select('s.name')
    .where('p.profile_id', '=', actorId)
    .where('c.interaction_id', '=', interactionId)
    .where('s.revealed_at', 'is', null)
    .orderBy('s.id')
    .executeTakeFirst();
  if (!open) return;
  throw new EarmarkError(
    'not_allowed',
    `interactionId: you are scoring interaction ${interactionId} blind in the calibration session "${open.name}"; pin moments on it after the reveal.`,
    { reason: 'scoring_blind' },
  );
}
