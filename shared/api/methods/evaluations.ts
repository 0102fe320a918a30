import { z } from 'zod';
import { Answer, AnswerValue } from '../../rubric/answers';
import { EvaluationResult } from '../../rubric/outcome';
import { ElementId, Rubric } from '../../rubric/schema';
import { Id, InteractionKind, IsoDate, LibraryFilters, PlainText } from '../schemas';
import { method } from './define';
import { ReviewerRef } from './profiles';
import { ScoreFigures } from './rubrics';

/**
 * Evaluations: one reviewer's answers to one rubric version for one interaction. A draft saves every
 * change as it is made; submitting locks it (only a complete evaluation can be submitted); reopening
 * needs a reason and goes into the audit trail, as does what changed before it was submitted again.
 */

export const EvaluationState = z.enum(['draft', 'submitted']);
export type EvaluationState = z.infer<typeof EvaluationState>;

export const MAX_ITEM_COMMENT_CHARS = 4000;
export const MAX_OVERALL_COMMENT_CHARS = 10_000;
export const MAX_REOPEN_REASON_CHARS = 1000;

export const MAX_DISPUTE_REASON_CHARS = 2000;

/** The agent's answer to their submitted evaluation: read and accepted, or disputed with a reason. */
export const AgentResponse = z.object({
  response: z.enum(['acknowledged', 'disputed']),
  /** Why the agent disputes it; null for an acknowledgement. */
  reason: z.string().nullable(),
  by: ReviewerRef,
  at: z.string(),
});
export type AgentResponse = z.infer<typeof AgentResponse>;

/** The agent's answer to an earlier submission of a since reopened evaluation: its history. */
export const EarlierAgentResponse = AgentResponse.extend({
  /** When the submission it answered was made. */
  submittedAt: z.string(),
});
export type EarlierAgentResponse = z.infer<typeof EarlierAgentResponse>;

export const EvaluationSummary = z.object({
  id: Id,
  interactionId: Id,
  interactionTitle: z.string(),
  interactionKind: InteractionKind,
  agentName: z.string().nullable(),
  teamName: z.string().nullable(),
  startedAt: z.string().nullable(),
  rubricId: Id,
  rubricName: z.string(),
  rubricVersionId: Id,
  rubricVersion: z.number().int().positive(),
  reviewer: ReviewerRef,
  state: EvaluationState,
  score: ScoreFigures,
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  /**
   * The agent's acknowledgement or dispute of the latest submission; null until they answer it (a
   * reopened and resubmitted evaluation is unanswered again; a reopened draft shows the answer being
   * corrected).
   */
  agentResponse: AgentResponse.nullable(),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

/** One item's answer, comment and moments at a point in time, as the audit trail keeps it. */
export const AnswerSnapshot = z.object({
  value: AnswerValue.nullable(),
  comment: z.string(),
  momentIds: z.array(Id),
});
export type AnswerSnapshot = z.infer<typeof AnswerSnapshot>;

/** An item (or, with `itemId` null, the overall comment) before and after; null where there was none. */
export const AnswerChange = z.object({
  itemId: z.string().nullable(),
  before: AnswerSnapshot.nullable(),
  after: AnswerSnapshot.nullable(),
  /** The overall comment, for `itemId` null. */
  commentBefore: z.string().optional(),
  commentAfter: z.string().optional(),
});
export type AnswerChange = z.infer<typeof AnswerChange>;

export const AuditEntry = z.object({
  id: Id,
  action: z.enum(['started', 'submitted', 'reopened']),
  at: z.string(),
  reviewer: ReviewerRef,
  /** Why it was reopened. */
  reason: z.string().nullable(),
  /** For a submit after a reopen: every item that differs from the previous submit. */
  changes: z.array(AnswerChange),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const EvaluationDetail = EvaluationSummary.extend({
  /** The exact version it is scored on; never changes, also after newer versions are published. */
  rubric: Rubric,
  /** Every answer, comment and linked moment saved so far (comment and momentIds always present). */
  answers: z.array(Answer),
  overallComment: z.string(),
  /** Counts saved changes: each save returns the next one. */
  revision: z.number().int().nonnegative(),
  audit: z.array(AuditEntry),
  /** What the agent answered to earlier submissions (before a reopen), oldest first. */
  earlierResponses: z.array(EarlierAgentResponse),
});
export type EvaluationDetail = z.infer<typeof EvaluationDetail>;

/** What changed on one item; fields left out stay as they are (`value: null` clears the answer). */
export const AnswerPatch = z
  .object({
    itemId: ElementId,
    value: AnswerValue.nullable().optional(),
    comment: PlainText('a comment', MAX_ITEM_COMMENT_CHARS, { multiline: true }).optional(),
    momentIds: z
      .array(Id)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'a moment is linked twice')
      .optional(),
  })
  .strict();
export type AnswerPatch = z.infer<typeof AnswerPatch>;

export const DraftSaved = z.object({ id: Id, revision: z.number().int().positive(), updatedAt: z.string() });
export type DraftSaved = z.infer<typeof DraftSaved>;

/**
 * The fixed columns of the evaluations export (CSV and XLSX, per rubric and from the library), in
 * order; section scores, the overall comment and per-item answers follow. `outcome` is the result:
 * pass, below target or critical fail (incomplete for a draft), against `passMark`.
 */
export const csvLeadingColumns = [
  'evaluation',
  'interaction',
  'startedAt',
  'agent',
  'team',
  'reviewer',
  'role',
  'rubric',
  'version',
  'state',
  'submittedAt',
  'outcome',
  'score',
  'passMark',
] as const;
/** Every fixed column the renderer supplies a translated header for. */
export const csvColumns = [...csvLeadingColumns, 'overallComment'] as const;

const Label = (max: number) => PlainText('a label', max, { trim: false });

/** Column headers and words of the CSV export, in the user's language; English where left out. */
export const CsvLabels = z
  .object({
    columns: z.record(z.string().max(40), Label(200)).optional(),
    answers: z.partialRecord(z.enum(['yes', 'no', 'na']), Label(100)).optional(),
    results: z.partialRecord(EvaluationResult, Label(100)).optional(),
    states: z.partialRecord(EvaluationState, Label(100)).optional(),
    roles: z.record(z.string().max(40), Label(100)).optional(),
    /** Appended to an item's title for its comment column: "Greeting – comment". */
    commentSuffix: Label(100).optional(),
    /** The XLSX sheet's name. */
    sheet: Label(100).optional(),
  })
  .strict();
export type CsvLabels = z.infer<typeof CsvLabels>;

export const exportFormats = ['csv', 'xlsx'] as const;

/** The days an export covers, both ends inclusive (UTC, as the library's date filter). */
export const ExportDates = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** Whether the days are when the call or chat took place, or when the evaluation was submitted. */
    of: z.enum(['interaction', 'evaluation']).default('interaction'),
  })
  .strict()
  .refine((d) => d.from === undefined || d.to === undefined || d.from <= d.to, {
    message: 'the first day (from) must not be after the last day (to)',
    path: ['from'],
  });
export type ExportDates = z.infer<typeof ExportDates>;

/**
 * The most evaluations one export writes (an XLSX of 2,000 takes about 2 s to write, measured in
 * test/bench/exports.ts); a filter or a shorter date range narrows a bigger one.
 */
export const MAX_EXPORT_EVALUATIONS = 20_000;

export const evaluationMethods = {
  /** Starts a draft on the rubric's latest version, or returns this reviewer's open draft for it. */
  'evaluation.start': method(z.object({ interactionId: Id, rubricId: Id }).strict(), EvaluationDetail, {
    actor: 'required',
    activity: true,
  }),
  'evaluation.get': method(z.object({ id: Id }).strict(), EvaluationDetail, {
    actor: 'none',
    activity: true,
  }),
  'evaluation.list': method(
    z
      .object({
        interactionId: Id.optional(),
        /** Evaluations of this agent's interactions (to start a coaching session from). */
        agentId: Id.optional(),
        rubricId: Id.optional(),
        reviewerId: Id.optional(),
        state: EvaluationState.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
    z.object({ total: z.number().int().nonnegative(), items: z.array(EvaluationSummary) }),
    { actor: 'none', activity: true },
  ),

  /** Autosave: applies the changes in one transaction and returns the new revision once it is on disk. */
  'evaluation.saveDraft': method(
    z
      .object({
        id: Id,
        answers: z.array(AnswerPatch).max(500).default([]),
        overallComment: PlainText('the overall comment', MAX_OVERALL_COMMENT_CHARS, {
          multiline: true,
        }).optional(),
      })
      .strict()
      .superRefine((save, ctx) => {
        const seen = new Set<string>();
        save.answers.forEach((patch, index) => {
          if (seen.has(patch.itemId))
            ctx.addIssue({
              code: 'custom',
              path: ['answers', index, 'itemId'],
              message: `item '${patch.itemId}' is changed twice in one save`,
            });
          seen.add(patch.itemId);
        });
      }),
    DraftSaved,
    { actor: 'required', activity: true },
  ),

  /** Locks a complete evaluation; refused, naming what is missing, while it is incomplete. */
  'evaluation.submit': method(z.object({ id: Id }).strict(), EvaluationDetail, {
    actor: 'required',
    activity: true,
  }),
  'evaluation.reopen': method(
    z
      .object({
        id: Id,
        reason: PlainText('a reason', MAX_REOPEN_REASON_CHARS, {
          multiline: true,
          trim: true,
          min: { chars: 3, message: 'say why the evaluation is reopened (at least 3 characters)' },
        }),
      })
      .strict(),
    EvaluationDetail,
    { actor: 'required', activity: true },
  ),
  /** The agent of the evaluated call or chat has read their submitted evaluation and accepts it. */
  'evaluation.acknowledge': method(z.object({ id: Id }).strict(), EvaluationDetail, {
    actor: 'required',
    activity: true,
  }),
  /** The agent of the evaluated call or chat disputes their submitted evaluation, saying why. */
  'evaluation.dispute': method(
    z
      .object({
        id: Id,
        reason: PlainText('a reason', MAX_DISPUTE_REASON_CHARS, {
          multiline: true,
          trim: true,
          min: { chars: 3, message: 'say why the evaluation is disputed (at least 3 characters)' },
        }),
      })
      .strict(),
    EvaluationDetail,
    { actor: 'required', activity: true },
  ),
  /** Throws away a draft that was never submitted (a submitted evaluation is kept for good). */
  'evaluation.discard': method(z.object({ id: Id }).strict(), z.object({ id: Id }), {
    actor: 'required',
    activity: true,
  }),

  /**
   * Evaluations of one rubric as CSV for Excel: one row per evaluation, two columns (answer, comment)
   * per item across all its versions, UTF-8 with a byte-order mark so Excel reads umlauts right.
   */
  'evaluation.exportCsv': method(
    z
      .object({
        rubricId: Id,
        includeDrafts: z.boolean().default(false),
        /** Excel splits on the list separator of its locale: ';' in German and Finnish, ',' in English. */
        delimiter: z.enum([';', ',']).default(';'),
        /** Write 73,1 rather than 73.1 (German and Finnish Excel). */
        decimalComma: z.boolean().default(false),
        labels: CsvLabels.optional(),
      })
      .strict(),
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int().nonnegative() }),
    { actor: 'none', activity: true },
  ),

  /**
   * The submitted evaluations of the interactions the library shows for `filters`, as CSV or XLSX, with
   * the columns of the per-rubric CSV. The export's own `dates` take the place of the library's date
   * filter: on the interactions' days, or on the days the evaluations were submitted. A score range or
   * outcomes hold for every evaluation written, not only for the latest one the library judges by.
   */
  'evaluation.exportLibrary': method(
    z
      .object({
        filters: LibraryFilters.default({}),
        dates: ExportDates.default({ of: 'interaction' }),
        format: z.enum(exportFormats),
        delimiter: z.enum([';', ',']).default(';'),
        decimalComma: z.boolean().default(false),
        labels: CsvLabels.optional(),
      })
      .strict(),
    z.object({
      fileName: z.string(),
      format: z.enum(exportFormats),
      /** The CSV text, or the XLSX file in base64 (the API carries text). */
      content: z.string(),
      rows: z.number().int().nonnegative(),
    }),
    { actor: 'none', activity: true },
  ),
} as const;
