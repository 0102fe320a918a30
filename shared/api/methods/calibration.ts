import { z } from 'zod';
import { AnswerValue } from '../../rubric/answers';
import { Rubric } from '../../rubric/schema';
import { ElementId } from '../../rubric/schema';
import { Id, InteractionKind, PlainText } from '../schemas';
import { method, NoParams } from './define';
import { MAX_ITEM_COMMENT_CHARS } from './evaluations';
import { ReviewerRef } from './profiles';

/**
 * Calibration (DOMAIN.md, "Running a QA programme"): a QA manager picks interactions and reviewers;
 * each scores them blind with the normal form, then the manager reveals and everyone compares. The
 * point is that an agent gets the same score whoever reviews them. Calibration answers are kept apart
 * and never count as evaluations of the agent. Before the reveal nobody reads anyone else's answers
 * (the backend's row rule); after it, the result page shows per criterion and interaction everyone's
 * answer, the spread, the expert's or agreed answer, and chance-corrected agreement
 * (shared/stats/agreement.ts), and per participant how far they lean from the reference.
 */

export const MAX_SESSION_NAME_CHARS = 200;
export const MAX_SESSION_INTERACTIONS = 50;
export const MAX_SESSION_PARTICIPANTS = 50;

const uniqueIds = (what: string, min: number, max: number) =>
  z
    .array(Id)
    .min(min, `pick at least ${min} ${what}`)
    .max(max, `at most ${max} ${what}`)
    .refine((ids) => new Set(ids).size === ids.length, `one of the ${what} is picked twice`);

export const CalibrationState = z.enum(['open', 'revealed']);
export type CalibrationState = z.infer<typeof CalibrationState>;

export const CalibrationParticipant = z.object({
  reviewer: ReviewerRef,
  /** When they handed in their answers; null while they are still scoring (or missing, after the reveal). */
  submittedAt: z.string().nullable(),
  expert: z.boolean(),
});
export type CalibrationParticipant = z.infer<typeof CalibrationParticipant>;

export const CalibrationSummary = z.object({
  id: Id,
  name: z.string(),
  rubric: z.object({ id: Id, versionId: Id, name: z.string(), version: z.number().int().positive() }),
  hideAgent: z.boolean(),
  state: CalibrationState,
  createdBy: ReviewerRef,
  createdAt: z.string(),
  revealedAt: z.string().nullable(),
  interactionCount: z.number().int().nonnegative(),
  participants: z.array(CalibrationParticipant),
  /** Who had not handed in when the manager revealed (they are left out of the figures); empty before. */
  missing: z.array(ReviewerRef),
  /** The viewer's own part: whether they score in it and whether they have handed in. */
  mine: z.object({ participant: z.boolean(), submittedAt: z.string().nullable() }),
});
export type CalibrationSummary = z.infer<typeof CalibrationSummary>;

export const CalibrationInteraction = z.object({
  id: Id,
  position: z.number().int().nonnegative(),
  title: z.string(),
  kind: InteractionKind,
  startedAt: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  /** Null when the session hides the agent from its participants (the manager still sees it). */
  agentName: z.string().nullable(),
});
export type CalibrationInteraction = z.infer<typeof CalibrationInteraction>;

export const CalibrationAnswer = z.object({
  itemId: z.string(),
  value: AnswerValue.nullable(),
  comment: z.string(),
});
export type CalibrationAnswer = z.infer<typeof CalibrationAnswer>;

/** A session as its participant scores it: only their own answers, whoever else has handed in. */
export const CalibrationSession = CalibrationSummary.extend({
  rubricContent: Rubric,
  expert: ReviewerRef.nullable(),
  interactions: z.array(CalibrationInteraction),
  /** The viewer's own answers per interaction (never anyone else's). */
  myAnswers: z.array(z.object({ interactionId: Id, answers: z.array(CalibrationAnswer) })),
});
export type CalibrationSession = z.infer<typeof CalibrationSession>;

export const MeasurementLevel = z.enum(['nominal', 'ordinal', 'interval', 'ratio']);
export const AlphaBand = z.enum(['excellent', 'tentative', 'poor']);
export const KappaBand = z.enum(['poor', 'slight', 'fair', 'moderate', 'substantial', 'almostPerfect']);

/** An alpha with its band and, where there are units enough to resample, a bootstrap interval. */
export const AlphaFigure = z.object({
  value: z.number(),
  band: AlphaBand,
  interval: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }).nullable(),
});
export type AlphaFigure = z.infer<typeof AlphaFigure>;
export const KappaFigure = z.object({ value: z.number(), band: KappaBand });
export type KappaFigure = z.infer<typeof KappaFigure>;

export const ReferenceKind = z.enum(['agreed', 'expert', 'consensus']);
export type ReferenceKind = z.infer<typeof ReferenceKind>;

/** One criterion on one interaction: everyone's answer and how far apart they are. */
export const CalibrationCell = z.object({
  interactionId: Id,
  answers: z.array(z.object({ participantId: Id, value: AnswerValue.nullable() })),
  /** How many different answers were given. */
  distinct: z.number().int().nonnegative(),
  /** Highest minus lowest points given (n.a. left out); null when fewer than two scored it. */
  range: z.number().nullable(),
  /** Share of pairs of participants who gave the same answer; null with fewer than two answers. */
  pairAgreement: z.number().nullable(),
  expert: AnswerValue.nullable(),
  agreed: AnswerValue.nullable(),
  /** What deviation is measured from here, and which kind it is. */
  reference: z.object({ kind: ReferenceKind, points: z.number() }).nullable(),
});
export type CalibrationCell = z.infer<typeof CalibrationCell>;

export const CriterionAgreement = z.object({
  itemId: z.string(),
  title: z.string(),
  sectionTitle: z.string(),
  type: z.enum(['yesNo', 'scale', 'choice']),
  /** Nominal for yes/no and choice (n.a. a category of its own), ordinal for a scale (n.a. missing). */
  level: MeasurementLevel,
  alpha: AlphaFigure.nullable(),
  /** For yes/no and choice criteria, over the interactions everyone answered. */
  kappa: KappaFigure.nullable(),
  pairAgreement: z.number().nullable(),
  cells: z.array(CalibrationCell),
});
export type CriterionAgreement = z.infer<typeof CriterionAgreement>;

/**
 * What one participant's answer was measured from: the cell's reference, or for the expert where
 * nothing was agreed, the other participants' middle answer (`others`).
 */
export const LeanReference = z.enum(['agreed', 'expert', 'consensus', 'others']);
export type LeanReference = z.infer<typeof LeanReference>;

const Count = z.number().int().nonnegative();

export const ParticipantDeviation = z.object({
  participantId: Id,
  /** Answers compared with a reference (n.a. and unanswered left out). */
  compared: Count,
  /** How many of those were compared with each kind of reference. */
  against: z.object({ agreed: Count, expert: Count, consensus: Count, others: Count }),
  /** Mean of (their points − reference points) / the criterion's best points: below 0 stricter, above 0 more lenient. */
  meanDeviation: z.number().nullable(),
  meanAbsoluteDeviation: z.number().nullable(),
  /** Share of compared answers equal to the reference. */
  matches: z.number().nullable(),
  /**
   * Among those whose leans come from the same reference: the expert, measured against the others
   * where nothing was agreed, is ranked only when all their answers were compared with agreed ones.
   */
  lean: z.enum(['strictest', 'mostLenient']).nullable(),
});
export type ParticipantDeviation = z.infer<typeof ParticipantDeviation>;

export const CalibrationFigures = z.object({
  /** Over every criterion and interaction, each criterion's answers as categories. */
  alpha: AlphaFigure.nullable(),
  kappa: KappaFigure.nullable(),
  /** Over the interactions' overall scores (percent, interval level): do they give the same score? */
  scoreAlpha: AlphaFigure.nullable(),
  pairAgreement: z.number().nullable(),
  /** Each participant's overall score per interaction (null: incomplete or failed to score). */
  scores: z.array(
    z.object({
      interactionId: Id,
      byParticipant: z.array(z.object({ participantId: Id, percent: z.number().nullable() })),
    }),
  ),
  criteria: z.array(CriterionAgreement),
  deviations: z.array(ParticipantDeviation),
});
export type CalibrationFigures = z.infer<typeof CalibrationFigures>;

export const CalibrationResults = z.object({
  session: CalibrationSession.omit({ myAnswers: true }),
  /** The participants the figures count: those who handed in, in the session's order. */
  counted: z.array(ReviewerRef),
  figures: CalibrationFigures,
  /** Each counted participant's mean deviation in every revealed session they took part in, oldest first. */
  history: z.array(
    z.object({
      reviewer: ReviewerRef,
      sessions: z.array(
        z.object({
          sessionId: Id,
          name: z.string(),
          revealedAt: z.string(),
          meanDeviation: z.number().nullable(),
          meanAbsoluteDeviation: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type CalibrationResults = z.infer<typeof CalibrationResults>;

const SessionName = PlainText('a session name', MAX_SESSION_NAME_CHARS).min(1, 'a session needs a name');

export const CalibrationAnswerPatch = z
  .object({
    itemId: ElementId,
    value: AnswerValue.nullable().optional(),
    comment: PlainText('a comment', MAX_ITEM_COMMENT_CHARS, { multiline: true }).optional(),
  })
  .strict();
export type CalibrationAnswerPatch = z.infer<typeof CalibrationAnswerPatch>;

export const calibrationMethods = {
  /** Sessions the viewer runs or takes part in (a QA manager: all), newest first. */
  'calibration.list': method(NoParams, z.array(CalibrationSummary), { actor: 'required', activity: true }),
  /** What a session can be made of: the published evaluation rubrics and who can take part. */
  'calibration.options': method(
    NoParams,
    z.object({
      rubrics: z.array(z.object({ id: Id, name: z.string() })),
      reviewers: z.array(ReviewerRef),
    }),
    { actor: 'required', activity: true },
  ),
  /** A QA manager sets a session up, on the rubric's latest version. */
  'calibration.create': method(
    z
      .object({
        name: SessionName,
        rubricId: Id,
        interactionIds: uniqueIds('interactions', 1, MAX_SESSION_INTERACTIONS),
        participantIds: uniqueIds('participants', 2, MAX_SESSION_PARTICIPANTS),
        hideAgent: z.boolean().default(true),
        /** One of the participants, whose answers are the reference; none: the group's consensus. */
        expertId: Id.nullable().default(null),
      })
      .strict()
      .refine((p) => p.expertId === null || p.participantIds.includes(p.expertId), {
        error: 'expertId: the expert must be one of the participants (the expert scores too)',
        path: ['expertId'],
      }),
    CalibrationSession,
    { actor: 'required', activity: true },
  ),
  /** A session as the viewer may see it: their own answers only. */
  'calibration.get': method(z.object({ id: Id }).strict(), CalibrationSession, {
    actor: 'required',
    activity: true,
  }),
  /** A participant's answers to one interaction, autosaved; refused once handed in or revealed. */
  'calibration.saveAnswers': method(
    z
      .object({
        sessionId: Id,
        interactionId: Id,
        answers: z
          .array(CalibrationAnswerPatch)
          .max(1000)
          .refine(
            (list) => new Set(list.map((a) => a.itemId)).size === list.length,
            'an item is answered twice',
          ),
      })
      .strict(),
    z.object({ updatedAt: z.string() }),
    { actor: 'required', activity: true },
  ),
  /** A participant hands in: every interaction must be scored completely (as a submit would need). */
  'calibration.submit': method(z.object({ id: Id }).strict(), CalibrationSession, {
    actor: 'required',
    activity: true,
  }),
  /**
   * The manager reveals the answers. Refused while someone has not handed in, unless `closeMissing`:
   * then the session closes without them (counted and named as missing, left out of the figures).
   */
  'calibration.reveal': method(
    z.object({ id: Id, closeMissing: z.boolean().default(false) }).strict(),
    CalibrationSession,
    { actor: 'required', activity: true },
  ),
  /** After the reveal: everyone's answers and the agreement figures (participants and QA managers). */
  'calibration.results': method(z.object({ id: Id }).strict(), CalibrationResults, {
    actor: 'required',
    activity: true,
  }),
  /** After the reveal, the manager records what the group agreed for a criterion (null: clears it). */
  'calibration.agree': method(
    z.object({ sessionId: Id, interactionId: Id, itemId: ElementId, value: AnswerValue.nullable() }).strict(),
    CalibrationResults,
    { actor: 'required', activity: true },
  ),
} as const;
