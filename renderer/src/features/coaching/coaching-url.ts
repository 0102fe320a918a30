import type { Params } from '../../../../shared/api';
import type { CoachingState } from '../../../../shared/api/methods/coaching';

/**
 * The sessions list's filters live in the URL (`#/coaching?mine=1&state=planned`, `?agent=3`), so a
 * team lead can bookmark "my planned sessions" or come back to a view with the back button.
 */
export interface CoachingListView {
  /** Only sessions the acting profile holds as coach; wins over `coachId`. */
  mine: boolean;
  agentId?: number;
  coachId?: number;
  state?: CoachingState;
}

const id = (value: string | null) => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};

export function viewFromSearch(search: URLSearchParams): CoachingListView {
  const state = search.get('state');
  const agentId = id(search.get('agent'));
  const coachId = id(search.get('coach'));
  return {
    mine: search.get('mine') === '1',
    ...(agentId ? { agentId } : {}),
    ...(coachId ? { coachId } : {}),
    ...(state === 'planned' || state === 'closed' ? { state } : {}),
  };
}

export function searchFromView(view: CoachingListView): URLSearchParams {
  const search = new URLSearchParams();
  if (view.mine) search.set('mine', '1');
  if (view.agentId) search.set('agent', String(view.agentId));
  if (!view.mine && view.coachId) search.set('coach', String(view.coachId));
  if (view.state) search.set('state', view.state);
  return search;
}

/**
 * What to ask the backend for. "Mine" means the acting profile as coach; without one there is nobody
 * to be "me", so it falls back to every coach rather than showing an empty list that looks like data.
 */
export function listParams(view: CoachingListView, currentProfileId: number | null): Params<'coaching.list'> {
  const coachId = view.mine ? (currentProfileId ?? undefined) : view.coachId;
  return {
    ...(view.agentId ? { agentId: view.agentId } : {}),
    ...(coachId ? { coachId } : {}),
    ...(view.state ? { state: view.state } : {}),
  };
}

/** The open-actions panel follows the same agent and coach as the list (it has no state filter). */
export function openActionsParams(
  view: CoachingListView,
  currentProfileId: number | null,
): Params<'coaching.openActions'> {
  const { agentId, coachId } = listParams(view, currentProfileId);
  return { ...(agentId ? { agentId } : {}), ...(coachId ? { coachId } : {}) };
}
