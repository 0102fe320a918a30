import { z } from 'zod';
import { EvaluationResult } from '../../rubric/outcome';
import { LanguageTag, Rubric, RubricKind } from '../../rubric/schema';
import { Id, PlainText } from '../schemas';
import { method, NoParams } from './define';
import { ReviewerRef } from './profiles';
import { RubricDraft } from './rubric-draft';

/**
 * Rubrics and their versions. A rubric is edited as a draft; publishing turns the draft into a new,
 * immutable version, and evaluations point at the version they were scored on. Built-in rubrics
 * (courtesy and competence, the mystery-call checklist, in en/de/fi) are seeded on first start and
 * are edited and versioned like any other.
 */

export const builtInRubricKeys = ['courtesy-competence', 'mystery-call'] as const;
export const BuiltInRubricKey = z.enum(builtInRubricKeys);

export const RubricVersionSummary = z.object({
  id: Id,
  rubricId: Id,
  version: z.number().int().positive(),
  publishedAt: z.string(),
  /** Null for the built-in first versions, which nobody published. */
  publishedBy: ReviewerRef.nullable(),
  note: z.string(),
  evaluationCount: z.number().int().nonnegative(),
});
export type RubricVersionSummary = z.infer<typeof RubricVersionSummary>;

export const RubricSummary = z.object({
  id: Id,
  /** The rubric's own id inside its JSON (`builtin.courtesy-competence.en`); stable across versions. */
  key: z.string(),
  name: z.string(),
  kind: RubricKind,
  language: z.string(),
  builtin: BuiltInRubricKey.nullable(),
  /** Null until the first version is published: such a rubric cannot be used for evaluations yet. */
  latestVersion: RubricVersionSummary.nullable(),
  hasDraft: z.boolean(),
  evaluationCount: z.number().int().nonnegative(),
});
export type RubricSummary = z.infer<typeof RubricSummary>;

export const DraftVersion = z.number().int().nonnegative();

export const RubricDetail = RubricSummary.extend({
  versions: z.array(RubricVersionSummary),
  /** The latest published content; null before the first publish. */
  latest: Rubric.nullable(),
  /** Unpublished changes, saved as the author types; null when there are none. */
  draft: RubricDraft.nullable(),
  draftSavedAt: z.string().nullable(),
  /**
   * Counts changes of the draft (saves, publishing, discarding). The editor saves with the version it
   * started from; a save from an older one is refused with `edit_conflict`.
   */
  draftVersion: DraftVersion,
  /** Who changed the draft last and when; null before anybody did. */
  draftChangedBy: ReviewerRef.nullable(),
  draftChangedAt: z.string().nullable(),
});
export type RubricDetail = z.infer<typeof RubricDetail>;

export const RubricVersion = RubricVersionSummary.extend({ rubric: Rubric });
export type RubricVersion = z.infer<typeof RubricVersion>;

/** The figures of one score, as lists and comparisons show them. */
export const ScoreFigures = z.object({
  result: EvaluationResult,
  /** The pass mark the result was judged against. */
  passMark: z.number(),
  /** What the evaluation scores: 0 after a critical fail; null when nothing could be earned. */
  percent: z.number().nullable(),
  sections: z.array(z.object({ sectionId: z.string(), title: z.string(), percent: z.number().nullable() })),
});
export type ScoreFigures = z.infer<typeof ScoreFigures>;

export const RescoredEvaluation = z.object({
  evaluationId: Id,
  interactionId: Id,
  interactionTitle: z.string(),
  agentName: z.string().nullable(),
  reviewerName: z.string(),
  submittedAt: z.string().nullable(),
  /** The version it was scored on. */
  version: z.number().int().positive(),
  before: ScoreFigures,
  after: ScoreFigures,
  /** Answers kept by item id, and answers lost because the item is gone or the answer no longer fits it. */
  carried: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});
export type RescoredEvaluation = z.infer<typeof RescoredEvaluation>;

export const RescorePreview = z.object({
  evaluations: z.array(RescoredEvaluation),
  /** Submitted evaluations of this rubric in all (the preview shows the latest `limit`). */
  total: z.number().int().nonnegative(),
});
export type RescorePreview = z.infer<typeof RescorePreview>;

const RubricName = PlainText('a rubric name', 200).min(1, 'a rubric needs a name');
const Note = PlainText('a version note', 500, { multiline: true, trim: true });
/** A rubric file of a few hundred items is well under 1 MB; anything bigger is not a rubric. */
export const MAX_RUBRIC_JSON_CHARS = 2_000_000;

export const rubricMethods = {
  'rubric.list': method(NoParams, z.array(RubricSummary), { actor: 'none', activity: true }),
  'rubric.get': method(z.object({ id: Id }).strict(), RubricDetail, { actor: 'none', activity: true }),
  'rubric.version': method(z.object({ versionId: Id }).strict(), RubricVersion, {
    actor: 'none',
    activity: true,
  }),

  /** A new rubric with a one-item draft, or a copy of a version's content (to adapt a built-in one). */
  'rubric.create': method(
    z
      .object({
        name: RubricName,
        language: LanguageTag,
        kind: RubricKind.default('evaluation'),
        copyOfVersionId: Id.optional(),
      })
      .strict(),
    RubricDetail,
    { actor: 'required', activity: true },
  ),

  /**
   * Keeps the editor's unpublished changes (autosave), made from draft `version` (what `rubric.get` or
   * the last save answered). Refused with `edit_conflict` when the draft changed since (another place
   * saved, published or discarded it): nothing is written, the message names who did it when. To keep
   * these changes over theirs, save again with the version `rubric.get` now answers.
   */
  'rubric.saveDraft': method(
    z.object({ id: Id, draft: RubricDraft, version: DraftVersion }).strict(),
    z.object({ id: Id, draftSavedAt: z.string(), version: DraftVersion }),
    { actor: 'required', activity: true },
  ),
  'rubric.discardDraft': method(z.object({ id: Id }).strict(), RubricDetail, {
    actor: 'required',
    activity: true,
  }),

  /**
   * Publishes the draft as the next version. Refused with every problem named when it is not a valid
   * rubric, and refused when it does not differ from the latest version.
   */
  'rubric.publish': method(
    z.object({ id: Id, draft: RubricDraft, note: Note.default('') }).strict(),
    RubricDetail,
    { actor: 'required', activity: true },
  ),

  /** How a draft would re-score the latest submitted evaluations, answers carried over by item id. */
  'rubric.previewRescore': method(
    z.object({ id: Id, draft: RubricDraft, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    RescorePreview,
    { actor: 'none', activity: true },
  ),

  /** A rubric file (JSON) becomes a new rubric, published as its version 1. */
  'rubric.import': method(
    z
      .object({
        json: z
          .string()
          .max(MAX_RUBRIC_JSON_CHARS, `a rubric file is at most ${MAX_RUBRIC_JSON_CHARS} characters`),
      })
      .strict(),
    RubricDetail,
    { actor: 'required', activity: true },
  ),
} as const;
