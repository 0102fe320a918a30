/**
 * The docked evaluation form lives in the interaction's address, so a reload or a bookmark brings it back
 * and Back closes it: `/interaction/7?dock=evaluation` shows the reviewer's open draft (or the start),
 * `&evaluation=12` that evaluation, `&evaluation=` the start explicitly (as on the form's own page).
 */
export const DOCK_PARAM = 'dock';
export const EVALUATION_PARAM = 'evaluation';

export interface DockState {
  open: boolean;
  /** As EvaluationForm takes it: undefined = the open draft or the start; null = the start; else that id. */
  evaluationId: number | null | undefined;
}

export function dockFromSearch(search: URLSearchParams): DockState {
  if (search.get(DOCK_PARAM) !== 'evaluation') return { open: false, evaluationId: undefined };
  const param = search.get(EVALUATION_PARAM);
  if (param === null) return { open: true, evaluationId: undefined };
  const id = Number(param);
  return { open: true, evaluationId: Number.isInteger(id) && id > 0 ? id : null };
}

/** The address's search with the dock changed; other parameters stay as they were. */
export function searchWithDock(search: URLSearchParams, dock: DockState): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(DOCK_PARAM);
  next.delete(EVALUATION_PARAM);
  if (!dock.open) return next;
  next.set(DOCK_PARAM, 'evaluation');
  if (dock.evaluationId !== undefined)
    next.set(EVALUATION_PARAM, dock.evaluationId === null ? '' : String(dock.evaluationId));
  return next;
}
