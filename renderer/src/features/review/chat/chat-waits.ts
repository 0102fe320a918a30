import type { Segment } from '../../../../../shared/api';

/**
 * A customer wait is flagged from two minutes on: chat customers expect an answer within a minute or
 * two, and "inefficiency or waiting" is one of the three complaints customers make most (docs/users.md).
 */
export const LONG_WAIT_MS = 2 * 60 * 1000;

/** How long the customer waited for the agent's reply that is the turn at `seq`. */
export interface Wait {
  /** The agent turn that ended the wait. */
  replySeq: number;
  /** When the wait began: the customer's first message the agent had not answered yet. */
  since: string;
  waitedMs: number;
  long: boolean;
}

/**
 * The customer's waiting time before each agent reply, counted from the first customer message the agent
 * had not yet answered (as chat platforms count response time): a customer who writes "Hello? Are you
 * still there?" has been waiting since the question, not since the nudge. The marker says where the
 * count starts, so a reviewer can tell a real wait from a customer busy restarting a router. System
 * turns (bots, "agent joined") are not answers.
 */
export function customerWaits(turns: readonly Segment[]): Wait[] {
  const waits: Wait[] = [];
  let waitingSince: { at: number; sentAt: string } | null = null;
  for (const turn of turns) {
    const at = turn.sentAt ? Date.parse(turn.sentAt) : NaN;
    if (Number.isNaN(at)) continue;
    if (turn.speaker === 'customer') waitingSince ??= { at, sentAt: turn.sentAt! };
    else if (turn.speaker === 'agent' && waitingSince !== null) {
      const waitedMs = Math.max(0, at - waitingSince.at);
      waits.push({
        replySeq: turn.seq,
        since: waitingSince.sentAt,
        waitedMs,
        long: waitedMs >= LONG_WAIT_MS,
      });
      waitingSince = null;
    }
  }
  return waits;
}
