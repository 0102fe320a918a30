import type { AgentMoment } from '../../../../shared/api/methods/agents';

/**
 * Wow moments (tagged exemplary) get their own section to praise them; the rest are what to work on.
 * A moment tagged both ways is praise first: it is shown once, with its other tags.
 */
export function splitMoments(moments: readonly AgentMoment[]): { wow: AgentMoment[]; tagged: AgentMoment[] } {
  const wow: AgentMoment[] = [];
  const tagged: AgentMoment[] = [];
  for (const moment of moments) (moment.exemplary ? wow : tagged).push(moment);
  return { wow, tagged };
}

/** How often each tag occurs on these moments, most frequent first: the agent's recurring themes. */
export function tagCounts(moments: readonly AgentMoment[]): { tagId: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const moment of moments) for (const id of moment.tagIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .map(([tagId, count]) => ({ tagId, count }))
    .sort((a, b) => b.count - a.count || a.tagId - b.tagId);
}

/** Moments carrying the tag; every moment when no tag is picked. */
export function withTag<T extends { tagIds: readonly number[] }>(
  moments: readonly T[],
  tagId: number | null,
): T[] {
  return tagId === null ? [...moments] : moments.filter((moment) => moment.tagIds.includes(tagId));
}
