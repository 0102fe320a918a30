import {
  MAX_FOCUS_ITEMS,
  type ActionItem,
  type CoachingSession,
  type FocusItem,
} from '../../../../shared/api/methods/coaching';
import { EarmarkError, type ErrorCode } from '../../../../shared/errors';

/** Today as YYYY-MM-DD in the workstation's time zone (a session is held on a local day). */
export function localIsoDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `2026-01-30` + 2 → `2026-02-01`; calendar days, so daylight-saving changes do not shift the date. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return localIsoDate(new Date(y, m - 1, d + days));
}

/**
 * A new action is due by the follow-up, when one is planned and still ahead (that is where it will be
 * checked); else in two weeks, a common one-to-one rhythm.
 */
export function defaultDueDate(followUpOn: string | null, today: string): string {
  return followUpOn && followUpOn >= today ? followUpOn : addDays(today, 14);
}

/** Open before done; among open ones, overdue first, then by due date; the order they were added last. */
export function sortActions<A extends Pick<ActionItem, 'id' | 'dueOn' | 'doneAt' | 'overdue'>>(
  actions: readonly A[],
): A[] {
  const rank = (a: A) => (a.doneAt !== null ? 2 : a.overdue ? 0 : 1);
  return [...actions].sort((a, b) => rank(a) - rank(b) || a.dueOn.localeCompare(b.dueOn) || a.id - b.id);
}

/** What the acting profile may do with a session: only its coach changes it, and a closed one only by ticking actions off. */
export interface SessionPermissions {
  /** Focus, links, talking points, follow-up, outcome, adding and editing actions. */
  edit: boolean;
  /** Ticking actions off (also after the session is closed: follow-up goes on). */
  tick: boolean;
  close: boolean;
  reopen: boolean;
}

export function sessionPermissions(session: Pick<CoachingSession, 'editable' | 'state'>): SessionPermissions {
  const planned = session.state === 'planned';
  return {
    edit: session.editable && planned,
    tick: session.editable,
    close: session.editable && planned,
    reopen: session.editable && !planned,
  };
}

/** One rubric item as an evaluation scored it, for proposing focus items. */
export interface ScoredItem {
  itemId: string;
  title: string;
  sectionTitle: string | null;
  possible: number;
  earned: number;
  criticalFail: boolean;
}

export interface FocusCandidate extends FocusItem {
  /** Points lost over the linked evaluations. */
  lost: number;
  criticalFails: number;
}

/**
 * Rubric items of the linked evaluations as focus candidates, the ones most points were lost on first
 * (a failed critical item before everything else: it failed the whole evaluation). Items are matched
 * by id across evaluations; the first title seen is kept. Items already chosen are left out.
 */
export function rankFocusCandidates(
  scored: readonly ScoredItem[],
  chosen: readonly Pick<FocusItem, 'itemId'>[] = [],
): FocusCandidate[] {
  const taken = new Set(chosen.map((item) => item.itemId));
  const byId = new Map<string, FocusCandidate>();
  for (const item of scored) {
    if (taken.has(item.itemId)) continue;
    const entry = byId.get(item.itemId) ?? {
      itemId: item.itemId,
      title: item.title,
      sectionTitle: item.sectionTitle,
      lost: 0,
      criticalFails: 0,
    };
    entry.lost += Math.max(0, item.possible - item.earned);
    entry.criticalFails += item.criticalFail ? 1 : 0;
    byId.set(item.itemId, entry);
  }
  return [...byId.values()].sort(
    (a, b) => b.criticalFails - a.criticalFails || b.lost - a.lost || a.title.localeCompare(b.title),
  );
}

/**
 * A focus the coach words themselves ("Keeping calm with angry callers") is not a rubric item, so its id
 * says so: `own:` and a random part. Rubric item ids never start that way, so nothing that matches focus
 * items against a rubric (the candidates above) can mistake one for the other.
 */
export const OWN_FOCUS_PREFIX = 'own:';
/** What the schema allows for a focus item's title. */
export const MAX_FOCUS_TITLE_CHARS = 300;

export const isOwnFocus = (item: Pick<FocusItem, 'itemId'>) => item.itemId.startsWith(OWN_FOCUS_PREFIX);

/** Why a typed focus cannot be added yet, or null when it can. The same words twice (case aside) are a slip. */
export function ownFocusProblem(
  title: string,
  chosen: readonly Pick<FocusItem, 'title'>[],
): 'empty' | 'long' | 'duplicate' | 'full' | null {
  const words = title.trim();
  if (words === '') return 'empty';
  if (words.length > MAX_FOCUS_TITLE_CHARS) return 'long';
  if (chosen.length >= MAX_FOCUS_ITEMS) return 'full';
  const same = words.toLocaleLowerCase();
  return chosen.some((item) => item.title.trim().toLocaleLowerCase() === same) ? 'duplicate' : null;
}

/** The coach's own focus, as the session stores it: no rubric section. */
export function ownFocusItem(title: string, randomId: string): FocusItem {
  return { itemId: `${OWN_FOCUS_PREFIX}${randomId}`, title: title.trim(), sectionTitle: null };
}

/** The backend's error code, when the failure came from it. */
export function errorCode(error: unknown): ErrorCode | null {
  return error instanceof EarmarkError ? error.code : null;
}

/**
 * A coach's notes start private (what they write about an agent is theirs); anybody else's start
 * shared, since they read the session as a colleague.
 */
export function privateByDefault(isCoach: boolean): boolean {
  return isCoach;
}

/** What the add-note form may do: a private note needs a passphrase to be encrypted with. */
export function noteFormState(input: {
  body: string;
  private: boolean;
  hasPassphrase: boolean;
}): 'empty' | 'needs-passphrase' | 'ready' {
  if (input.private && !input.hasPassphrase) return 'needs-passphrase';
  return input.body.trim() === '' ? 'empty' : 'ready';
}
