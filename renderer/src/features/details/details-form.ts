import type { DetailsPatch, InteractionDetails } from '../../../../shared/api/methods/details';

/** The details form as the user sees it: text in every field, the start time as a local date and time. */
export interface DetailsValues {
  title: string;
  agentName: string;
  teamName: string;
  /** `YYYY-MM-DDTHH:mm` in this computer's time zone; '' when not known. */
  startedAt: string;
  direction: 'inbound' | 'outbound' | '';
  queue: string;
  customerRef: string;
  customerRating: 'bad' | 'neutral' | 'good' | '';
}

export type DetailsField = keyof DetailsValues;
/** Translation keys (under `details.errors`) by field. */
export type DetailsErrors = Partial<Record<DetailsField, string>>;

export const MAX_NAME_CHARS = 200;
export const MAX_TITLE_CHARS = 300;

export function valuesOf(details: Omit<InteractionDetails, 'id' | 'kind' | 'durationMs'>): DetailsValues {
  return {
    title: details.title,
    agentName: details.agentName ?? '',
    teamName: details.teamName ?? '',
    startedAt: toLocalInput(details.startedAt),
    direction: details.direction ?? '',
    queue: details.queue ?? '',
    customerRef: details.customerRef ?? '',
    customerRating: details.customerRating ?? '',
  };
}

/**
 * What the user may not save, by field. An empty agent means "not known" (and removes the agent), but
 * a team is always some agent's team, so a team without an agent is refused. `startedIncomplete`: a day
 * without a time or a time without a day, which must not quietly clear the stored start time.
 */
export function problemsOf(values: DetailsValues, startedIncomplete = false): DetailsErrors {
  const errors: DetailsErrors = {};
  if (values.title.trim() === '') errors.title = 'titleEmpty';
  else if (values.title.trim().length > MAX_TITLE_CHARS) errors.title = 'titleTooLong';
  if (values.agentName.trim() === '' && values.teamName.trim() !== '') errors.agentName = 'teamNeedsAgent';
  for (const field of ['agentName', 'teamName', 'queue', 'customerRef'] as const)
    if (values[field].trim().length > MAX_NAME_CHARS) errors[field] = 'tooLong';
  if (startedIncomplete) errors.startedAt = 'startedIncomplete';
  return errors;
}

/** The agent and team of a bulk assignment: here the agent is what is being assigned, so it is required. */
export function assignmentProblems(agentName: string, teamName: string): DetailsErrors {
  const errors: DetailsErrors = {};
  if (agentName.trim() === '') errors.agentName = 'agentEmpty';
  else if (agentName.trim().length > MAX_NAME_CHARS) errors.agentName = 'tooLong';
  if (teamName.trim().length > MAX_NAME_CHARS) errors.teamName = 'tooLong';
  return errors;
}

/**
 * Only the fields the user changed: an untouched start time is not sent back rounded to the minute,
 * and an edit that changes nothing sends nothing.
 */
export function patchOf(initial: DetailsValues, values: DetailsValues): DetailsPatch {
  const patch: DetailsPatch = {};
  const changed = (field: DetailsField) => values[field].trim() !== initial[field].trim();
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  if (changed('title')) patch.title = values.title.trim();
  // The agent is a name within a team: both go together whenever either changes.
  if (changed('agentName') || changed('teamName')) {
    patch.agentName = orNull(values.agentName);
    patch.teamName = patch.agentName === null ? null : orNull(values.teamName);
  }
  if (changed('startedAt')) patch.startedAt = fromLocalInput(values.startedAt);
  if (changed('direction')) patch.direction = values.direction === '' ? null : values.direction;
  if (changed('queue')) patch.queue = orNull(values.queue);
  if (changed('customerRef')) patch.customerRef = orNull(values.customerRef);
  if (changed('customerRating'))
    patch.customerRating = values.customerRating === '' ? null : values.customerRating;
  return patch;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored UTC time as this computer's local `YYYY-MM-DDTHH:mm`. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A local `YYYY-MM-DDTHH:mm` as the UTC ISO time the backend stores; '' is "not known". */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi).toISOString();
}
