import { z } from 'zod';
import { EvaluationResult } from '../../rubric/outcome';
import { Id, InteractionKind, IsoDate, PlainText } from '../schemas';
import { method } from './define';
import { MysteryStatus } from './mystery';
import { ReviewerRef } from './profiles';

/**
 * One-to-one coaching: a coach (the acting profile) meets one agent, with focus items from the rubric,
 * evaluations and moments to go through, talking points, agreed action items and a follow-up date.
 *
 * Who sees what: every profile can see that a session exists and read it (agent, coach, date, focus,
 * linked evaluations and moments, talking points, actions, follow-up, outcome), because follow-up is
 * team work; only its coach changes it. Notes are either shared (every profile reads them) or private:
 * encrypted with the author's key, returned to nobody else, and not even counted for anybody else.
 * Linked mystery shops show their shop id, scenario, score and result to every reader, as every role
 * may see shops (shared/permissions/mystery.ts).
 */

export const MAX_TALKING_POINTS_CHARS = 10_000;
export const MAX_OUTCOME_CHARS = 4000;
export const MAX_ACTION_CHARS = 1000;
export const MAX_NOTE_CHARS = 20_000;
export const MAX_FOCUS_ITEMS = 20;
export const MAX_LINKED_EVALUATIONS = 50;
export const MAX_LINKED_MOMENTS = 100;
export const MAX_LINKED_SHOPS = 50;

export const CoachingState = z.enum(['planned', 'closed']);
export type CoachingState = z.infer<typeof CoachingState>;

/** Who does an agreed action: the agent being coached or the coach. */
export const ActionOwner = z.enum(['agent', 'coach']);
export type ActionOwner = z.infer<typeof ActionOwner>;

export const AgentRef = z.object({ id: Id, name: z.string(), teamName: z.string().nullable() });
export type AgentRef = z.infer<typeof AgentRef>;

/**
 * A rubric item to work on, named by the item id (the same across a rubric's languages and versions)
 * with its title as it read when chosen.
 */
export const FocusItem = z
  .object({
    itemId: z.string().min(1).max(200),
    title: z.string().trim().min(1, 'a focus item needs a title').max(300),
    sectionTitle: z.string().max(300).nullable(),
  })
  .strict();
export type FocusItem = z.infer<typeof FocusItem>;
/** A focus item as a coach picks it: the same, with the text rules every typed name follows. */
const FocusItemInput = FocusItem.extend({
  title: PlainText('a focus item title', 300).min(1, 'a focus item needs a title'),
  sectionTitle: PlainText('a section title', 300).nullable(),
});

export const ActionItem = z.object({
  id: Id,
  sessionId: Id,
  text: z.string(),
  owner: ActionOwner,
  dueOn: IsoDate,
  doneAt: z.string().nullable(),
  /** Not done and due before today (the backend's local date). */
  overdue: z.boolean(),
  /** Counts changes of the action: an edit sent with an older one is refused (`edit_conflict`). */
  version: z.number().int().positive(),
});
export type ActionItem = z.infer<typeof ActionItem>;

/** A moment linked to a session, with what the session view needs to play it without another call. */
export const LinkedMoment = z.object({
  id: Id,
  interactionId: Id,
  interactionTitle: z.string(),
  interactionKind: InteractionKind,
  /** The interaction's recording, when it has one (chats and transcript-only calls do not). */
  recordingId: Id.nullable(),
  startMs: z.number().int().nonnegative().nullable(),
  endMs: z.number().int().nonnegative().nullable(),
  turnSeq: z.number().int().nonnegative().nullable(),
  /** The turn's text, for chat moments and transcript turns. */
  turnText: z.string().nullable(),
  comment: z.string(),
  tagIds: z.array(Id),
});
export type LinkedMoment = z.infer<typeof LinkedMoment>;

export const LinkedEvaluation = z.object({
  id: Id,
  interactionId: Id,
  interactionTitle: z.string(),
  rubricName: z.string(),
  submittedAt: z.string().nullable(),
  percent: z.number().nullable(),
  result: EvaluationResult,
});
export type LinkedEvaluation = z.infer<typeof LinkedEvaluation>;

/** A mystery shop brought into the session: its own score and result, never a QA evaluation. */
export const LinkedMysteryShop = z.object({
  id: Id,
  shopId: z.string(),
  occurredAt: z.string(),
  scenario: z.string(),
  status: MysteryStatus,
  percent: z.number().nullable(),
  result: EvaluationResult,
});
export type LinkedMysteryShop = z.infer<typeof LinkedMysteryShop>;

export const CoachingSummary = z.object({
  id: Id,
  agent: AgentRef,
  coach: ReviewerRef,
  heldOn: IsoDate,
  state: CoachingState,
  followUpOn: IsoDate.nullable(),
  focusTitles: z.array(z.string()),
  actionCount: z.number().int().nonnegative(),
  openActionCount: z.number().int().nonnegative(),
  overdueActionCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CoachingSummary = z.infer<typeof CoachingSummary>;

export const SessionVersion = z.number().int().positive();

export const CoachingSession = CoachingSummary.extend({
  focusItems: z.array(FocusItem),
  evaluations: z.array(LinkedEvaluation),
  moments: z.array(LinkedMoment),
  mysteryShops: z.array(LinkedMysteryShop),
  talkingPoints: z.string(),
  actions: z.array(ActionItem),
  outcome: z.string(),
  /** The acting profile is the coach: it may change the session and its actions. */
  editable: z.boolean(),
  /**
   * Counts changes of the session's own content (dates, texts, focus items, links, closing). A change
   * is sent with the version it was made on; one from an older version is refused (`edit_conflict`).
   */
  version: SessionVersion,
  /** Who made the last change of the session's content; null for sessions from before versions. */
  updatedBy: ReviewerRef.nullable(),
});
export type CoachingSession = z.infer<typeof CoachingSession>;

/** A note as its reader gets it: a shared note, or the reader's own private note, decrypted. */
export const CoachingNote = z.object({
  id: Id,
  sessionId: Id,
  author: ReviewerRef,
  private: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Counts changes of the note: an edit sent with an older one is refused (`edit_conflict`). */
  version: z.number().int().positive(),
});
export type CoachingNote = z.infer<typeof CoachingNote>;

const Ids = (max: number, what: string) =>
  z
    .array(Id)
    .max(max, `at most ${max} ${what}`)
    .refine((ids) => new Set(ids).size === ids.length, `a ${what.replace(/s$/, '')} is listed twice`);

const FocusItems = z.array(FocusItemInput).max(MAX_FOCUS_ITEMS, `at most ${MAX_FOCUS_ITEMS} focus items`);
const TalkingPoints = PlainText('talking points', MAX_TALKING_POINTS_CHARS, { multiline: true });
const Outcome = PlainText('an outcome', MAX_OUTCOME_CHARS, { multiline: true });
const ActionText = PlainText('an action item', MAX_ACTION_CHARS, { multiline: true, trim: true }).min(
  1,
  'an action item needs a text',
);
const NoteBody = PlainText('a note', MAX_NOTE_CHARS, { multiline: true }).refine(
  (body) => body.trim().length > 0,
  'a note needs a text',
);

export const coachingMethods = {
  /** Sessions, newest first, for one agent and/or one coach; every profile sees every session's summary. */
  'coaching.list': method(
    z.object({ agentId: Id.optional(), coachId: Id.optional(), state: CoachingState.optional() }).strict(),
    z.array(CoachingSummary),
    { actor: 'none', activity: true },
  ),
  /**
   * Starts a session with the acting profile as coach. From evaluations: links them, and unless focus
   * items or moments are given, proposes as focus the items those evaluations lost most points on and
   * links the moments their answers point to.
   */
  'coaching.create': method(
    z
      .object({
        agentId: Id,
        heldOn: IsoDate,
        evaluationIds: Ids(MAX_LINKED_EVALUATIONS, 'evaluations').default([]),
        momentIds: Ids(MAX_LINKED_MOMENTS, 'moments').optional(),
        /** The agent's submitted, queried or confirmed mystery shops (ids of the shops, not the agency's). */
        mysteryShopIds: Ids(MAX_LINKED_SHOPS, 'mystery shops').default([]),
        focusItems: FocusItems.optional(),
      })
      .strict(),
    CoachingSession,
    { actor: 'required', activity: true },
  ),
  'coaching.get': method(z.object({ id: Id }).strict(), CoachingSession, {
    actor: 'optional',
    activity: true,
  }),
  /**
   * Only the coach, only while planned (`conflict` once closed), and only on the session `version` the
   * change was made on: when the session changed since (the coach saved it in another window),
   * nothing is written and `edit_conflict` names who saved it when. To keep this change over theirs,
   * send it again with the version `coaching.get` now answers.
   */
  'coaching.update': method(
    z
      .object({
        id: Id,
        version: SessionVersion,
        heldOn: IsoDate.optional(),
        focusItems: FocusItems.optional(),
        evaluationIds: Ids(MAX_LINKED_EVALUATIONS, 'evaluations').optional(),
        momentIds: Ids(MAX_LINKED_MOMENTS, 'moments').optional(),
        mysteryShopIds: Ids(MAX_LINKED_SHOPS, 'mystery shops').optional(),
        talkingPoints: TalkingPoints.optional(),
        followUpOn: IsoDate.nullable().optional(),
        outcome: Outcome.optional(),
      })
      .strict(),
    CoachingSession,
    { actor: 'required', activity: true },
  ),
  /** Ends the session: its content is then read-only; actions can still be ticked off. */
  'coaching.close': method(z.object({ id: Id, outcome: Outcome.optional() }).strict(), CoachingSession, {
    actor: 'required',
    activity: true,
  }),
  'coaching.reopen': method(z.object({ id: Id }).strict(), CoachingSession, {
    actor: 'required',
    activity: true,
  }),

  'coaching.actionAdd': method(
    z.object({ sessionId: Id, text: ActionText, owner: ActionOwner, dueOn: IsoDate }).strict(),
    ActionItem,
    { actor: 'required', activity: true },
  ),
  'coaching.actionUpdate': method(
    z
      .object({
        id: Id,
        text: ActionText.optional(),
        owner: ActionOwner.optional(),
        dueOn: IsoDate.optional(),
        done: z.boolean().optional(),
        /**
         * The action's version the edit was made on: when given, an action changed since (in another
         * window) is not written over and `edit_conflict` says so. Ticking off alone may leave it out.
         */
        version: z.number().int().positive().optional(),
      })
      .strict(),
    ActionItem,
    { actor: 'required', activity: true },
  ),
  'coaching.actionDelete': method(z.object({ id: Id }).strict(), z.object({ id: Id }), {
    actor: 'required',
    activity: true,
  }),
  /** Open actions across sessions (for the agent page and the coach's follow-up), overdue first. */
  'coaching.openActions': method(
    z.object({ agentId: Id.optional(), coachId: Id.optional() }).strict(),
    z.array(ActionItem.extend({ agent: AgentRef, coach: ReviewerRef, heldOn: IsoDate })),
    { actor: 'none', activity: true },
  ),

  /**
   * A session's notes the acting profile may read: shared notes, and its own private notes decrypted.
   * Other profiles' private notes are left out without a trace. `locked` when the acting profile has
   * private notes here and is locked.
   */
  'coaching.notes': method(z.object({ sessionId: Id }).strict(), z.array(CoachingNote), {
    actor: 'optional',
    activity: true,
  }),
  /** `not_allowed` for anyone but the author when the note is private. */
  'coaching.noteGet': method(z.object({ id: Id }).strict(), CoachingNote, {
    actor: 'optional',
    activity: true,
  }),
  /**
   * A private note needs the acting profile to have a passphrase and be unlocked (`not_allowed` /
   * `locked` otherwise); its text is encrypted before it reaches the database.
   */
  'coaching.noteAdd': method(
    z.object({ sessionId: Id, body: NoteBody, private: z.boolean() }).strict(),
    CoachingNote,
    { actor: 'required', activity: true },
  ),
  /**
   * Only the author. With `version` (the note's version the edit was made on), a note changed since in
   * another window is not written over: `edit_conflict`, naming who saved it when.
   */
  'coaching.noteUpdate': method(
    z.object({ id: Id, body: NoteBody, version: z.number().int().positive().optional() }).strict(),
    CoachingNote,
    { actor: 'required', activity: true },
  ),
  /** Only the author. */
  'coaching.noteDelete': method(z.object({ id: Id }).strict(), z.object({ id: Id }), {
    actor: 'required',
    activity: true,
  }),
} as const;
