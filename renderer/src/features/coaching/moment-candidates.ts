import type { InteractionDetail } from '../../../../shared/api';
import type { AgentMoment } from '../../../../shared/api/methods/agents';
import type { LinkedMoment } from '../../../../shared/api/methods/coaching';
import type { Moment } from '../../../../shared/api/methods/review';

/** A moment the coach may add to a session, with what the picker shows beside the clip. */
export interface MomentCandidate extends LinkedMoment {
  interactionStartedAt: string | null;
  /** Known for tagged moments (the agent page's list); the review's own list names no author. */
  authorName: string | null;
}

/**
 * A moment as the review lists it, shaped as a session links it: the player needs the interaction's
 * recording and, for a turn, its text. The same choice of recording as the backend's: the interaction's
 * (first) one.
 */
export function candidateFromMoment(moment: Moment, interaction: InteractionDetail): MomentCandidate {
  const turn =
    moment.turnSeq === null ? undefined : interaction.segments.find((s) => s.seq === moment.turnSeq);
  return {
    id: moment.id,
    interactionId: interaction.id,
    interactionTitle: interaction.title,
    interactionKind: interaction.kind,
    interactionStartedAt: interaction.startedAt,
    recordingId: interaction.recording?.id ?? null,
    startMs: moment.startMs,
    endMs: moment.endMs,
    turnSeq: moment.turnSeq,
    turnText: turn?.text ?? null,
    comment: moment.comment,
    tagIds: moment.tagIds,
    authorName: null,
  };
}

/** Through the call or chat in order: timed moments by time, then turns by their place. */
function inInteractionOrder(a: Moment, b: Moment): number {
  const where = (m: Moment) => [m.startMs ?? Infinity, m.turnSeq ?? Infinity, m.id] as const;
  const [x, y] = [where(a), where(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export interface CandidateGroups {
  /** Moments on the calls and chats of the linked evaluations, evaluation by evaluation, in call order. */
  onEvaluations: MomentCandidate[];
  /** The agent's other tagged moments, newest first. */
  tagged: MomentCandidate[];
}

/**
 * What the coach can add: first the moments on the linked evaluations' calls and chats (what the
 * meeting is about), then the agent's other tagged moments. Moments already linked are left out, and
 * each moment is listed once, in the first group that has it.
 */
export function momentCandidates(input: {
  linkedIds: readonly number[];
  onEvaluations: readonly { interaction: InteractionDetail; moments: readonly Moment[] }[];
  tagged: readonly AgentMoment[];
}): CandidateGroups {
  const seen = new Set(input.linkedIds);
  const fresh = (id: number) => {
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  const onEvaluations = input.onEvaluations.flatMap(({ interaction, moments }) =>
    [...moments]
      .sort(inInteractionOrder)
      .filter((moment) => fresh(moment.id))
      .map((moment) => candidateFromMoment(moment, interaction)),
  );
  const tagged: MomentCandidate[] = input.tagged.filter((moment) => fresh(moment.id));
  return { onEvaluations, tagged };
}

/**
 * The session's moments after adding the picked ones: the linked ones as they are, then the picked in
 * the order the picker lists them (not the order they were ticked, which nobody remembers).
 */
export function withAddedMoments(
  linkedIds: readonly number[],
  picked: ReadonlySet<number>,
  listed: readonly Pick<MomentCandidate, 'id'>[],
): number[] {
  const linked = new Set(linkedIds);
  const added = listed.map((moment) => moment.id).filter((id) => picked.has(id) && !linked.has(id));
  return [...linkedIds, ...new Set(added)];
}
