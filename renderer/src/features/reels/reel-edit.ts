import { MAX_REEL_MOMENTS, type WowMoment } from '../../../../shared/api/methods/reels';

/** A reel as it is being put together: a title and the moments in playing order. */
export interface ReelDraft {
  title: string;
  moments: WowMoment[];
}

/** Appends a moment to the end of the reel; a moment already in it, or a full reel, stays as it is. */
export function addMoment(moments: readonly WowMoment[], moment: WowMoment): WowMoment[] {
  if (moments.length >= MAX_REEL_MOMENTS || moments.some((known) => known.id === moment.id))
    return [...moments];
  return [...moments, moment];
}

export function removeMoment(moments: readonly WowMoment[], id: number): WowMoment[] {
  return moments.filter((moment) => moment.id !== id);
}

/** Swaps a moment with its neighbour (`-1` earlier, `1` later); at either end nothing moves. */
export function moveMoment(moments: readonly WowMoment[], index: number, direction: -1 | 1): WowMoment[] {
  const target = index + direction;
  if (index < 0 || index >= moments.length || target < 0 || target >= moments.length) return [...moments];
  const next = [...moments];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Whether the draft differs from what was saved (title, or which moments in which order). */
export function hasChanges(saved: ReelDraft, draft: ReelDraft): boolean {
  return (
    saved.title.trim() !== draft.title.trim() ||
    saved.moments.length !== draft.moments.length ||
    saved.moments.some((moment, index) => moment.id !== draft.moments[index]?.id)
  );
}

/** What the backend needs to save a draft. */
export const reelPayload = (draft: ReelDraft) => ({
  title: draft.title.trim(),
  momentIds: draft.moments.map((moment) => moment.id),
});

/** Filters for the candidates, as kept in the URL (`?agent=3&team=1&from=2026-11-01`). */
export interface CandidateFilters {
  agentId?: number;
  teamId?: number;
  from?: string;
  to?: string;
}

const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const id = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export function filtersFromSearch(search: URLSearchParams): CandidateFilters {
  const filters: CandidateFilters = {
    agentId: id(search.get('agent')),
    teamId: id(search.get('team')),
    from: day(search.get('from')),
    to: day(search.get('to')),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as CandidateFilters;
}

export function searchFromFilters(filters: CandidateFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.agentId) search.set('agent', String(filters.agentId));
  if (filters.teamId) search.set('team', String(filters.teamId));
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  return search;
}

/** Everyone praised in the reel, once each, in order of first appearance: the closing "well done". */
export function praisedAgents(moments: readonly WowMoment[]): string[] {
  return [...new Set(moments.map((moment) => moment.agentName).filter((name): name is string => !!name))];
}
