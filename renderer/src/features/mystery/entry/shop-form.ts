import type { MysteryShopDetail, MysteryShopFields } from '../../../../../shared/api/methods/mystery';
import type { Answer } from '../../../../../shared/rubric/answers';
import type { MysteryChannel } from '../../../../../shared/rubric/mystery';
import type { ScoreBreakdown } from '../../../../../shared/rubric/scoring';

/** One further detail the agency reports (a column Earmark has no field for), as typed. */
export interface ExtraRow {
  key: string;
  value: string;
}

/** The recording given as evidence, with the call it belongs to (to name it and open it). */
export interface EvidenceRecording {
  recordingId: number;
  interactionId: number | null;
  title: string;
}

/** The entry form as the person types it; `fieldsOfForm` turns it into what the backend stores. */
export interface ShopForm {
  shopId: string;
  wave: string;
  /** `YYYY-MM-DD`, or null while no day is given. */
  day: string | null;
  /** `HH:mm` (agency local time, no zone), or '' while not given. */
  time: string;
  channel: MysteryChannel;
  team: string;
  agentId: number | null;
  answeredBy: string;
  /** A library scenario, or null with `scenarioText` written for this shop. */
  scenarioId: number | null;
  scenarioText: string;
  rubricId: number | null;
  answers: ReadonlyMap<string, Answer>;
  recording: EvidenceRecording | null;
  notes: string;
  /** Other evidence files, one path per line. */
  files: string;
  extra: ExtraRow[];
}

export const emptyShopForm = (rubricId: number | null = null): ShopForm => ({
  shopId: '',
  wave: '',
  day: null,
  time: '',
  channel: 'call',
  team: '',
  agentId: null,
  answeredBy: '',
  scenarioId: null,
  scenarioText: '',
  rubricId,
  answers: new Map(),
  recording: null,
  notes: '',
  files: '',
  extra: [],
});

export function formFromShop(shop: MysteryShopDetail): ShopForm {
  return {
    shopId: shop.shopId,
    wave: shop.wave,
    day: shop.occurredAt.slice(0, 10),
    time: shop.occurredAt.slice(11, 16),
    channel: shop.channel,
    team: shop.team,
    agentId: shop.agentId,
    answeredBy: shop.answeredBy ?? '',
    scenarioId: shop.scenarioId,
    scenarioText: shop.scenarioText,
    rubricId: shop.rubricId,
    answers: new Map(shop.answers.map((answer) => [answer.itemId, answer])),
    recording:
      shop.evidence.recordingId === null
        ? null
        : {
            recordingId: shop.evidence.recordingId,
            interactionId: shop.evidenceInteraction?.id ?? null,
            title: shop.evidenceInteraction?.title ?? '',
          },
    notes: shop.notes,
    files: shop.files.join('\n'),
    extra: Object.entries(shop.extra).map(([key, value]) => ({ key, value })),
  };
}

/** What stops a shop from being stored even as a draft, each naming its field (`mysteryEntry.problem.*`). */
export type ShopProblem =
  | { field: 'shopId'; problem: 'missing' }
  | { field: 'occurredAt'; problem: 'missing' | 'incomplete' }
  | { field: 'scenario'; problem: 'missing' }
  | { field: 'checklist'; problem: 'missing' }
  | { field: 'extra'; problem: 'keyMissing' | 'keyTwice'; key: string };

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Rows with neither a name nor a value are left out: an empty row just added is no mistake. */
const filledExtra = (rows: readonly ExtraRow[]) =>
  rows.filter((row) => row.key.trim() !== '' || row.value.trim() !== '');

export function shopProblems(form: ShopForm): ShopProblem[] {
  const problems: ShopProblem[] = [];
  if (form.shopId.trim() === '') problems.push({ field: 'shopId', problem: 'missing' });
  if (!form.day && !form.time) problems.push({ field: 'occurredAt', problem: 'missing' });
  else if (!form.day || !/^\d{2}:\d{2}$/.test(form.time)) {
    problems.push({ field: 'occurredAt', problem: 'incomplete' });
  }
  if (form.scenarioId === null && form.scenarioText.trim() === '') {
    problems.push({ field: 'scenario', problem: 'missing' });
  }
  if (form.rubricId === null) problems.push({ field: 'checklist', problem: 'missing' });
  const seen = new Set<string>();
  for (const row of filledExtra(form.extra)) {
    const key = row.key.trim();
    if (key === '') problems.push({ field: 'extra', problem: 'keyMissing', key: row.value.trim() });
    else if (seen.has(key.toLocaleLowerCase())) problems.push({ field: 'extra', problem: 'keyTwice', key });
    seen.add(key.toLocaleLowerCase());
  }
  return problems;
}

/** The fields the backend stores, or null while a problem (see shopProblems) stops that. */
export function fieldsOfForm(form: ShopForm): MysteryShopFields | null {
  if (shopProblems(form).length > 0 || form.rubricId === null) return null;
  return {
    shopId: form.shopId.trim(),
    wave: form.wave.trim(),
    occurredAt: `${form.day}T${form.time}`,
    channel: form.channel,
    team: form.team.trim(),
    agentId: form.agentId,
    answeredBy: form.answeredBy.trim() === '' ? null : form.answeredBy.trim(),
    scenarioId: form.scenarioId,
    scenarioText: form.scenarioId === null ? form.scenarioText : '',
    rubricId: form.rubricId,
    // A shop has no pinned moments; an item cleared without a comment is simply unanswered.
    answers: [...form.answers.values()]
      .filter((answer) => answer.value !== null || (answer.comment ?? '') !== '')
      .map(({ itemId, value, comment }) => ({ itemId, value, ...(comment ? { comment } : {}) })),
    recordingId: form.recording?.recordingId ?? null,
    notes: form.notes,
    files: lines(form.files),
    extra: Object.fromEntries(filledExtra(form.extra).map((row) => [row.key.trim(), row.value.trim()])),
  };
}

/** What stops a submit: the problems above, then the checklist's unanswered items and missing comments. */
export type SubmitProblem =
  ShopProblem | { field: 'answers'; problem: 'unanswered' | 'comments'; itemIds: readonly string[] };

export function submitProblems(form: ShopForm, breakdown: ScoreBreakdown | null): SubmitProblem[] {
  const problems: SubmitProblem[] = shopProblems(form);
  if (!breakdown) return problems;
  if (breakdown.unansweredItemIds.length > 0) {
    problems.push({ field: 'answers', problem: 'unanswered', itemIds: breakdown.unansweredItemIds });
  }
  if (breakdown.missingCommentItemIds.length > 0) {
    problems.push({ field: 'answers', problem: 'comments', itemIds: breakdown.missingCommentItemIds });
  }
  return problems;
}
