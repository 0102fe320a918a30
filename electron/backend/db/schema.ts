import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ReviewerRole } from '../../../shared/api/methods/profiles';

/**
 * Every table as the migrations leave it (sqlite/ and postgres/, all of them), typed as stored: ids and
 * other INTEGER columns are numbers on both engines (PostgreSQL's bigint is read back as a number),
 * SQLite-style booleans are 0/1 numbers, times are ISO-8601 text, JSON columns are text, BLOBs Buffers.
 * `Generated` marks a column the database fills when an insert leaves it out (an id, a DEFAULT).
 *
 * A new migration updates this file in the same commit. Engine-only columns are left out: the
 * PostgreSQL search table segment_search and SQLite's segments_fts table are reached with raw `sql`
 * in the search service, one branch per engine.
 */

type Id = Generated<number>;
/** A 0/1 flag, as SQLite stores a boolean (and PostgreSQL a bigint with a CHECK, for the same rows). */
type Flag = 0 | 1;
type CustomerRating = 'bad' | 'neutral' | 'good';

export interface TeamsTable {
  id: Id;
  name: string;
}

export interface AgentsTable {
  id: Id;
  name: string;
  team_id: number | null;
}

export interface InteractionsTable {
  id: Id;
  kind: 'call' | 'chat';
  title: string;
  external_id: string | null;
  source: string;
  agent_id: number | null;
  started_at: string | null;
  direction: 'inbound' | 'outbound' | null;
  queue: string | null;
  customer_ref: string | null;
  duration_ms: number | null;
  created_at: Generated<string>;
  content_hash: string | null;
  /** The customer's own verdict (migration 021). */
  customer_rating: Generated<CustomerRating | null>;
}

export interface RecordingsTable {
  id: Id;
  interaction_id: number;
  path: string;
  size_bytes: number;
  sha256: string;
  container: string;
  codec: string;
  sample_rate: number;
  channels: number;
  duration_ms: number;
  /** JSON array naming each channel ('agent' / 'customer'), null for a mixed recording. */
  channel_roles: string | null;
  /** JSON array: one file, or the agent and customer legs. */
  source_paths: string | null;
  claimed_duration_ms: number | null;
  transcoded: Generated<Flag>;
  /** JSON as shared/api AudioDamage, null for an intact recording. */
  damage: string | null;
}

export interface PeaksTable {
  recording_id: number;
  samples_per_peak: number;
  channel: number;
  data: Buffer;
}

export interface SegmentsTable {
  id: Id;
  interaction_id: number;
  seq: number;
  speaker: 'agent' | 'customer' | 'system';
  start_ms: number | null;
  end_ms: number | null;
  sent_at: string | null;
  text: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ImportBatchesTable {
  id: Id;
  started_at: string;
  finished_at: string | null;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  total_files: Generated<number>;
  /** The server process holding a running batch (team mode); null on the workstation and once it ends. */
  owner: string | null;
  /** Until when the owner's hold lasts unless it renews it (ISO time); past it, the batch is abandoned. */
  lease_until: string | null;
  /** The queue job carrying the batch (team mode), null for a batch run in the process that started it. */
  job_id: string | null;
  /** What the batch was asked to import (the ImportRequest as JSON), for whichever process carries it on. */
  request: string | null;
}

export interface ImportFilesTable {
  id: Id;
  batch_id: number;
  path: string;
  outcome: 'imported' | 'updated' | 'skipped' | 'failed';
  interaction_id: number | null;
  message: string | null;
  /** JSON: { code, message, damage? }[]; null for rows written before migration 012. */
  warnings: string | null;
}

export type BuiltinTag =
  'interruption' | 'long_silence' | 'missed_empathy' | 'wrong_information' | 'rude' | 'exemplary';

export interface TagsTable {
  id: Id;
  builtin: BuiltinTag | null;
  name: string;
  created_at: Generated<string>;
}

export interface MomentsTable {
  id: Id;
  interaction_id: number;
  start_ms: number | null;
  end_ms: number | null;
  turn_seq: number | null;
  comment: Generated<string>;
  author_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface MomentTagsTable {
  moment_id: number;
  tag_id: number;
}

export interface PlaybackPositionsTable {
  interaction_id: number;
  position_ms: number;
  updated_at: string;
}

export interface ReviewerProfilesTable {
  id: Id;
  name: string;
  role: ReviewerRole;
  created_at: string;
}

export interface RubricsTable {
  id: Id;
  key: string;
  builtin: 'courtesy-competence' | 'mystery-call' | null;
  name: string;
  kind: 'evaluation' | 'mysteryChecklist';
  language: string;
  /** The editor's autosaved draft, JSON. */
  draft: string | null;
  draft_saved_at: string | null;
  /** Counts changes of the draft (saved, published, discarded): a save from an older one is refused. */
  draft_version: Generated<number>;
  draft_changed_by: number | null;
  draft_changed_at: string | null;
  created_by: number | null;
  created_at: string;
}

/** Immutable once inserted (triggers refuse update and delete on both engines). */
export interface RubricVersionsTable {
  id: Id;
  rubric_id: number;
  version: number;
  /** The rubric as serializeRubric writes it, JSON; sha256 is this text's hash. */
  content: string;
  sha256: string;
  note: Generated<string>;
  published_by: number | null;
  published_at: string;
  pass_mark: Generated<number>;
}

export type ScoreOutcome = 'pass' | 'belowTarget' | 'criticalFail';

export interface EvaluationsTable {
  id: Id;
  interaction_id: number;
  rubric_version_id: number;
  reviewer_id: number;
  state: 'draft' | 'submitted';
  revision: Generated<number>;
  overall_comment: Generated<string>;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
  submitted_at: string | null;
  score_percent: number | null;
  score_outcome: ScoreOutcome | null;
}

/**
 * An agent's acknowledgement or dispute of one submission of their evaluation (its `submitted` audit
 * row): one per submission; a reopened and resubmitted evaluation is answered afresh, the earlier
 * answers kept.
 */
export interface EvaluationResponsesTable {
  id: Id;
  evaluation_id: number;
  submission_id: number;
  response: 'acknowledged' | 'disputed';
  reason: string | null;
  profile_id: number;
  at: string;
}

export interface EvaluationAnswersTable {
  evaluation_id: number;
  item_id: string;
  /** The AnswerValue as JSON; null while the item is not answered. */
  value: string | null;
  comment: Generated<string>;
  updated_at: string;
}

export interface EvaluationAnswerMomentsTable {
  evaluation_id: number;
  item_id: string;
  moment_id: number;
}

/** Append-only (a trigger refuses updates on both engines). */
export interface EvaluationAuditTable {
  id: Id;
  evaluation_id: number;
  action: 'started' | 'submitted' | 'reopened';
  reviewer_id: number;
  at: string;
  reason: string | null;
  snapshot: string | null;
  changes: Generated<string>;
}

/** A team account: the login of a reviewer profile (016). */
export interface AccountsTable {
  profile_id: number;
  username: string;
  /** `scrypt$N$r$p$salt$hash` (base64): the cost travels with the hash so it can rise later. */
  password_hash: string;
  /** The agent record an agent account reads its own evaluations of. */
  agent_id: number | null;
  disabled_at: string | null;
  created_at: string;
  password_changed_at: string;
}

/** The teams a team lead's account leads. */
export interface AccountTeamsTable {
  profile_id: number;
  team_id: number;
}

/** A team login: only the SHA-256 of its cookie token is kept. */
export interface TeamSessionsTable {
  token_hash: string;
  profile_id: number;
  created_at: string;
  last_seen_at: string;
  /** The absolute end of the session; the idle end is `last_seen_at` plus the idle limit. */
  expires_at: string;
  address: string | null;
  /** The author's private-note key wrapped with a key derived from the cookie token, when she has one. */
  note_key: Buffer | null;
}

/** Failed logins per `user:<name>` and per `address:<ip>`, for the back-off. */
export interface LoginFailuresTable {
  key: string;
  failures: number;
  last_failure_at: string;
  blocked_until: string | null;
}

export interface ProfileKeysTable {
  profile_id: number;
  kdf: 'scrypt';
  kdf_params: string;
  salt: Buffer;
  wrapped_key: Buffer;
  workstation_key_id: string;
  created_at: string;
  updated_at: string;
}

export interface CoachingSessionsTable {
  id: Id;
  agent_id: number;
  coach_id: number;
  /** YYYY-MM-DD */
  held_on: string;
  state: Generated<'planned' | 'closed'>;
  talking_points: Generated<string>;
  follow_up_on: string | null;
  outcome: Generated<string>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Counts changes of the session's own content: a save from an older one is refused. */
  version: Generated<number>;
  updated_by: number | null;
}

export interface CoachingFocusItemsTable {
  session_id: number;
  position: number;
  item_id: string;
  title: string;
  section_title: string | null;
}

export interface CoachingEvaluationsTable {
  session_id: number;
  evaluation_id: number;
  position: number;
}

export interface CoachingMomentsTable {
  session_id: number;
  moment_id: number;
  position: number;
}

export interface CoachingMysteryShopsTable {
  session_id: number;
  shop_row_id: number;
  position: number;
}

export interface CoachingActionsTable {
  id: Id;
  session_id: number;
  text: string;
  owner: 'agent' | 'coach';
  due_on: string;
  done_at: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** A private note holds only nonce + ciphertext; a CHECK refuses a private note with a readable body. */
export interface CoachingNotesTable {
  id: Id;
  session_id: number;
  author_id: number;
  private: Flag;
  body: string | null;
  nonce: Buffer | null;
  ciphertext: Buffer | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface ReelsTable {
  id: Id;
  title: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReelMomentsTable {
  reel_id: number;
  moment_id: number;
  position: number;
}

export interface DeletedMomentsTable {
  moment_id: number;
  interaction_id: number;
  /** JSON: {"moment": {row}, "tagIds": [...], "answers": [...], "sessions": [...], "reels": [...]} */
  snapshot: string;
  deleted_at: string;
}

export interface PeakUploadsTable {
  recording_id: number;
  channel: number;
  samples_per_peak: number;
  data: Buffer;
}

export interface MysteryScenariosTable {
  id: Id;
  title: string;
  script: Generated<string>;
  provocative_question: Generated<string>;
  good_answer: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface MysteryShopsTable {
  id: Id;
  shop_id: string;
  wave: Generated<string>;
  /** Local wall-clock time as the agency reports it (YYYY-MM-DDTHH:MM), no time zone. */
  occurred_at: string;
  channel: 'call' | 'chat' | 'email' | 'visit';
  team: Generated<string>;
  agent_id: number | null;
  answered_by: string | null;
  scenario_id: number | null;
  scenario_text: Generated<string>;
  rubric_version_id: number;
  /** EvaluationAnswers JSON. */
  answers: Generated<string>;
  recording_id: number | null;
  notes: Generated<string>;
  /** JSON object. */
  extra: Generated<string>;
  status: 'draft' | 'submitted' | 'queried' | 'confirmed';
  percent: number | null;
  result: 'pass' | 'fail' | 'incomplete';
  created_at: string;
  updated_at: string;
  outcome: Generated<ScoreOutcome>;
  /** Other evidence: JSON array of file paths on this computer (migration 013). */
  files: Generated<string>;
}

export interface MysteryShopAuditTable {
  id: Id;
  shop_row_id: number;
  action: 'created' | 'saved' | 'submitted' | 'imported' | 'queried' | 'confirmed' | 'corrected';
  profile_id: number | null;
  at: string;
  reason: string | null;
  changes: Generated<string>;
}

/** Written by the migrator only. */
/** Migration 021: the weekly review queue. `filters` is JSON (QueuePlanFilters). */
export interface QueuePlansTable {
  id: Id;
  name: string;
  filters: string;
  quota_per: 'agent' | 'team' | 'reviewer';
  quota_count: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface QueuePlanReviewersTable {
  plan_id: number;
  profile_id: number;
}

/** One week's draw of a plan: `plan_snapshot` is the plan as drawn (JSON), `short` the shortfalls (JSON). */
export interface QueueDrawsTable {
  id: Id;
  plan_id: number;
  week: string;
  seed: string;
  plan_snapshot: string;
  short: string;
  drawn_by: number | null;
  drawn_at: string;
}

export interface QueueItemsTable {
  id: Id;
  draw_id: number;
  interaction_id: number;
  agent_id: number;
  reviewer_id: number;
  position: number;
  channel: string;
  day: string;
  pool: number;
  assigned_at: string;
  replaces_id: number | null;
  replaced_at: string | null;
  replaced_by: number | null;
  replaced_reason: string | null;
  /** Migration 024: the top-up ("Draw more") that added it; null for the week's first draw. */
  top_up_id: number | null;
}

/** Migration 024: a week drawn again for what was missing under the plan as it then was. */
export interface QueueTopUpsTable {
  id: Id;
  draw_id: number;
  seed: string;
  plan_snapshot: string;
  short: string;
  drawn_by: number | null;
  drawn_at: string;
}

/** Migration 022: calibration sessions; answers are kept apart from evaluations. `hide_agent` is 0 or 1. */
export interface CalibrationSessionsTable {
  id: Id;
  name: string;
  rubric_version_id: number;
  hide_agent: number;
  expert_id: number | null;
  created_by: number;
  created_at: string;
  revealed_at: string | null;
  revealed_by: number | null;
}

export interface CalibrationInteractionsTable {
  session_id: number;
  interaction_id: number;
  position: number;
}

export interface CalibrationParticipantsTable {
  session_id: number;
  profile_id: number;
  submitted_at: string | null;
}

/** `value` is the AnswerValue as JSON, NULL while not answered. */
export interface CalibrationAnswersTable {
  session_id: number;
  profile_id: number;
  interaction_id: number;
  item_id: string;
  value: string | null;
  comment: Generated<string>;
  updated_at: string;
}

export interface CalibrationAgreedTable {
  session_id: number;
  interaction_id: number;
  item_id: string;
  value: string;
  set_by: number;
  set_at: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  sha256: string;
  applied_at: ColumnType<string, string, never>;
}

export interface Schema {
  teams: TeamsTable;
  agents: AgentsTable;
  interactions: InteractionsTable;
  recordings: RecordingsTable;
  peaks: PeaksTable;
  segments: SegmentsTable;
  settings: SettingsTable;
  import_batches: ImportBatchesTable;
  import_files: ImportFilesTable;
  tags: TagsTable;
  moments: MomentsTable;
  moment_tags: MomentTagsTable;
  playback_positions: PlaybackPositionsTable;
  reviewer_profiles: ReviewerProfilesTable;
  rubrics: RubricsTable;
  rubric_versions: RubricVersionsTable;
  evaluations: EvaluationsTable;
  evaluation_responses: EvaluationResponsesTable;
  evaluation_answers: EvaluationAnswersTable;
  evaluation_answer_moments: EvaluationAnswerMomentsTable;
  evaluation_audit: EvaluationAuditTable;
  profile_keys: ProfileKeysTable;
  accounts: AccountsTable;
  account_teams: AccountTeamsTable;
  team_sessions: TeamSessionsTable;
  login_failures: LoginFailuresTable;
  coaching_sessions: CoachingSessionsTable;
  coaching_focus_items: CoachingFocusItemsTable;
  coaching_evaluations: CoachingEvaluationsTable;
  coaching_moments: CoachingMomentsTable;
  coaching_mystery_shops: CoachingMysteryShopsTable;
  coaching_actions: CoachingActionsTable;
  coaching_notes: CoachingNotesTable;
  reels: ReelsTable;
  reel_moments: ReelMomentsTable;
  deleted_moments: DeletedMomentsTable;
  peak_uploads: PeakUploadsTable;
  mystery_scenarios: MysteryScenariosTable;
  mystery_shops: MysteryShopsTable;
  mystery_shop_audit: MysteryShopAuditTable;
  queue_plans: QueuePlansTable;
  queue_plan_reviewers: QueuePlanReviewersTable;
  queue_draws: QueueDrawsTable;
  queue_items: QueueItemsTable;
  queue_top_ups: QueueTopUpsTable;
  calibration_sessions: CalibrationSessionsTable;
  calibration_interactions: CalibrationInteractionsTable;
  calibration_participants: CalibrationParticipantsTable;
  calibration_answers: CalibrationAnswersTable;
  calibration_agreed: CalibrationAgreedTable;
  schema_migrations: SchemaMigrationsTable;
}

export type TableName = keyof Schema;
/** What services query with: the layer's Kysely instance, or the transaction one inside `transaction(fn)`. */
export type Query = Kysely<Schema>;
export type Row<T extends TableName> = Selectable<Schema[T]>;
export type NewRow<T extends TableName> = Insertable<Schema[T]>;
export type RowChanges<T extends TableName> = Updateable<Schema[T]>;
