import { z } from 'zod';
import { EvaluationAnswers } from '../../rubric/answers';
import { EvaluationResult } from '../../rubric/outcome';
import { LocalDateTime, MysteryChannel } from '../../rubric/mystery';
import { Id, IsoDate, PlainText } from '../schemas';
import { method, NoParams } from './define';
import { ScoreFigures } from './rubrics';

/**
 * Mystery shops: an agency's test of the service, scored with a checklist rubric. Kept apart from
 * QA on purpose: a shop is never an evaluation, so it counts in no library score and no agent's QA
 * averages. Status: draft → submitted → (queried → corrected or confirmed) → confirmed.
 */

export const mysteryStatuses = ['draft', 'submitted', 'queried', 'confirmed'] as const;
export const MysteryStatus = z.enum(mysteryStatuses);
export type MysteryStatus = z.infer<typeof MysteryStatus>;

export const MAX_EVIDENCE_FILES = 50;
const EvidenceFile = PlainText('a file path', 1000).min(1, 'a file path must not be empty');

const ShopId = PlainText('the shop id', 200).min(1, 'the shop id must not be empty');

/** A reusable scenario: what the shopper asks, the prepared provocative question, what a good answer holds. */
export const MysteryScenario = z.object({
  id: Id,
  title: z.string(),
  script: z.string(),
  provocativeQuestion: z.string(),
  goodAnswer: z.string(),
});
export type MysteryScenario = z.infer<typeof MysteryScenario>;

/** The shop's own details: what a person types in or an agency's spreadsheet brings. */
export const MysteryShopFields = z.strictObject({
  shopId: ShopId,
  wave: PlainText('a wave', 200).default(''),
  occurredAt: LocalDateTime,
  channel: MysteryChannel,
  team: PlainText('a team', 200).default(''),
  agentId: Id.nullable().default(null),
  answeredBy: PlainText('who answered', 200).nullable().default(null),
  /** A scenario from the library, or `scenarioText` written for this shop (one of the two). */
  scenarioId: Id.nullable().default(null),
  scenarioText: PlainText('a scenario', 4000, { multiline: true }).default(''),
  /** The checklist: a rubric of kind mysteryChecklist; the shop keeps the version it was started on. */
  rubricId: Id,
  answers: EvaluationAnswers.default([]),
  recordingId: Id.nullable().default(null),
  notes: PlainText('notes', 10_000, { multiline: true }).default(''),
  /** Other evidence (screenshots, the shopper's report): paths of files on this computer, kept as typed. */
  files: z.array(EvidenceFile).max(MAX_EVIDENCE_FILES, `at most ${MAX_EVIDENCE_FILES} files`).default([]),
  /** Columns the agency reports that Earmark has no field for, kept as written. */
  extra: z
    .record(PlainText('a column name', 200, { trim: false }), PlainText('a value', 4000, { multiline: true }))
    .default({}),
});
export type MysteryShopFields = z.input<typeof MysteryShopFields>;

export const MysteryShopSummary = z.object({
  id: Id,
  shopId: z.string(),
  wave: z.string(),
  occurredAt: z.string(),
  channel: MysteryChannel,
  team: z.string(),
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  answeredBy: z.string().nullable(),
  scenarioId: Id.nullable(),
  /** The library scenario's title, or the text written for the shop. */
  scenario: z.string(),
  status: MysteryStatus,
  percent: z.number().nullable(),
  /** Against the checklist version's pass mark, as evaluations are (shared/rubric/outcome). */
  result: EvaluationResult,
  evidence: z.object({ recordingId: Id.nullable() }),
});
export type MysteryShopSummary = z.infer<typeof MysteryShopSummary>;

export const MysteryAuditEntry = z.object({
  action: z.enum(['created', 'saved', 'submitted', 'imported', 'queried', 'confirmed', 'corrected']),
  profileId: Id.nullable(),
  profileName: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  /** Fields a correction changed, with their values before and after. */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type MysteryAuditEntry = z.infer<typeof MysteryAuditEntry>;

export const MysteryShopDetail = MysteryShopSummary.extend({
  scenarioText: z.string(),
  rubricId: Id,
  rubricVersionId: Id,
  answers: EvaluationAnswers,
  notes: z.string(),
  files: z.array(z.string()),
  /** The call or chat the evidence recording belongs to, to open and play it. */
  evidenceInteraction: z.object({ id: Id, title: z.string() }).nullable(),
  extra: z.record(z.string(), z.string()),
  score: ScoreFigures,
  /** Every answer given and every required comment written: ready to submit. */
  complete: z.boolean(),
  audit: z.array(MysteryAuditEntry),
});
export type MysteryShopDetail = z.infer<typeof MysteryShopDetail>;

const Percent = (what: string) =>
  z
    .number({ error: `${what} must be a number from 0 to 100` })
    .min(0, `${what} must be from 0 to 100`)
    .max(100, `${what} must be from 0 to 100`);

/** The columns the list sorts by, in the users' words. */
export const mysterySorts = [
  'shopId',
  'occurredAt',
  'team',
  'agent',
  'channel',
  'scenario',
  'score',
  'status',
] as const;
export const MysterySort = z.enum(mysterySorts);
export type MysterySort = z.infer<typeof MysterySort>;

export const MysteryListParams = z
  .strictObject({
    wave: PlainText('a wave', 200, { trim: false }).optional(),
    team: PlainText('a team', 200, { trim: false }).optional(),
    channel: MysteryChannel.optional(),
    status: MysteryStatus.optional(),
    scenarioId: Id.optional(),
    /** Shops on or after this local day (agencies report local time, so no time zone is involved). */
    from: IsoDate.optional(),
    /** Shops on or before this local day, inclusive. */
    to: IsoDate.optional(),
    /** Score range in percent, both ends inclusive; a shop without a score is left out when either is given. */
    minPercent: Percent('minPercent').optional(),
    maxPercent: Percent('maxPercent').optional(),
    /** Words in the shop id, team, who answered, agent, scenario or notes (case-insensitive). */
    search: PlainText('a search', 200).optional(),
    sort: MysterySort.optional(),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, {
    message: 'from must be on or before to',
    path: ['to'],
  })
  .refine((p) => p.minPercent === undefined || p.maxPercent === undefined || p.minPercent <= p.maxPercent, {
    message: 'minPercent must not be above maxPercent',
    path: ['maxPercent'],
  });
export type MysteryListParams = z.input<typeof MysteryListParams>;

export const MysteryReportParams = z
  .strictObject({
    by: z.enum(['team', 'scenario']),
    /** One team or scenario (as `groups[].key` names it); all of them without. */
    key: PlainText('a team or scenario', 4000, { trim: false }).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    wave: PlainText('a wave', 200, { trim: false }).optional(),
    /** The time step of the trend: calendar month of the shop (default) or the agency's wave. */
    per: z.enum(['month', 'wave']).default('month'),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, {
    message: 'from must be on or before to',
    path: ['to'],
  });
export type MysteryReportParams = z.input<typeof MysteryReportParams>;

/** Shops counted, their mean score and how many passed (reached the checklist's pass mark). */
const Tally = z.object({ shops: z.number(), meanPercent: z.number().nullable(), passed: z.number() });

export const MysteryReport = z.object({
  by: z.enum(['team', 'scenario']),
  per: z.enum(['month', 'wave']),
  /** Every shop in the period, whichever team or scenario. */
  all: Tally,
  /** Every team or scenario in the period (before `key` narrows the rest), most shops first. */
  groups: z.array(Tally.extend({ key: z.string() })),
  /** Oldest period first: "2025-03" for a month, the wave's name for a wave. */
  trend: z.array(Tally.extend({ period: z.string() })),
  /** Each checklist item: how often it earned its full points, n.a. and unanswered left out. */
  items: z.array(
    z.object({ itemId: z.string(), title: z.string(), answered: z.number(), passed: z.number() }),
  ),
  /** The provocative question's answers per period; null when no checklist shown has that item. */
  provocative: z
    .object({
      title: z.string(),
      options: z.array(z.object({ id: z.string(), label: z.string(), fail: z.boolean() })),
      periods: z.array(z.object({ period: z.string(), counts: z.record(z.string(), z.number()) })),
    })
    .nullable(),
});
export type MysteryReport = z.infer<typeof MysteryReport>;

const Reason = PlainText('a reason', 2000, {
  multiline: true,
  trim: true,
  min: { chars: 3, message: 'say why, in at least 3 characters' },
});

/**
 * Every method needs someone acting, locked profiles included: who may call which is by role
 * (shared/permissions/mystery.ts), and a shop is never public.
 */
export const mysteryMethods = {
  /** Every shop that matches all the filters given, oldest first unless a sort is given. */
  'mystery.list': method(MysteryListParams, z.array(MysteryShopSummary), {
    actor: 'required',
    activity: true,
  }),
  /** Teams' or scenarios' results over time: never a ranking of named agents (DOMAIN.md). */
  'mystery.report': method(MysteryReportParams, MysteryReport, { actor: 'required', activity: true }),
  'mystery.get': method(z.strictObject({ id: Id }), MysteryShopDetail, { actor: 'required', activity: true }),
  /** Creates a draft (no id) or replaces a draft's fields (autosave). Only drafts can be saved. */
  'mystery.saveDraft': method(
    z.strictObject({ id: Id.optional(), fields: MysteryShopFields }),
    MysteryShopDetail,
    { actor: 'required', activity: true },
  ),
  /** Submits a complete draft. */
  'mystery.submit': method(z.strictObject({ id: Id }), MysteryShopDetail, {
    actor: 'required',
    activity: true,
  }),
  /** A team lead questions a submitted result ("the agent was on a break"); the reason is required. */
  'mystery.query': method(z.strictObject({ id: Id, reason: Reason }), MysteryShopDetail, {
    actor: 'required',
    activity: true,
  }),
  /** The result stands as it is. */
  'mystery.confirm': method(z.strictObject({ id: Id }), MysteryShopDetail, {
    actor: 'required',
    activity: true,
  }),
  /** Changes a submitted or queried result (reason required); the change is in the audit trail. */
  'mystery.correct': method(
    z.strictObject({ id: Id, fields: MysteryShopFields.omit({ rubricId: true }), reason: Reason }),
    MysteryShopDetail,
    { actor: 'required', activity: true },
  ),
  'scenario.list': method(NoParams, z.array(MysteryScenario), { actor: 'required', activity: true }),
  'scenario.save': method(
    z.strictObject({
      id: Id.optional(),
      title: PlainText('a scenario title', 200).min(1, 'a scenario needs a title'),
      script: PlainText('a script', 10_000, { multiline: true }).default(''),
      provocativeQuestion: PlainText('a question', 4000, { multiline: true }).default(''),
      goodAnswer: PlainText('a good answer', 4000, { multiline: true }).default(''),
    }),
    MysteryScenario,
    { actor: 'required', activity: true },
  ),
} as const;
