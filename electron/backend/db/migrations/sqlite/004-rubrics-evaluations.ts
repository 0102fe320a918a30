/**
 * Rubrics and evaluations:
 * - reviewer profiles (id, name, role, created_at): who works at the workstation; a later migration adds
 *   passphrase locks and private coaching notes against the same id;
 * - rubrics with an autosaved editor draft, and their published versions, which triggers keep immutable:
 *   an evaluation must show for good the exact form it was scored on;
 * - evaluations: one row per evaluation, one per answered item, one per moment an answer links to;
 *   a submitted evaluation's answers cannot be written (a trigger backs up the service's check);
 * - an append-only audit trail of starts, submits and reopens, with the answers as submitted, so a
 *   resubmit can record every answer's old and new value.
 */
export default /* sql */ `
CREATE TABLE reviewer_profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  role TEXT NOT NULL CHECK (role IN ('qa_supervisor', 'team_lead', 'mystery_shopper')),
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX reviewer_profiles_name ON reviewer_profiles (name COLLATE NOCASE);

CREATE TABLE rubrics (
  id INTEGER PRIMARY KEY,
  -- The id inside the rubric's JSON; answers and exports refer to items within it.
  key TEXT NOT NULL UNIQUE,
  builtin TEXT CHECK (builtin IN ('courtesy-competence', 'mystery-call')),
  -- Name, kind and language of the latest version (of the draft before the first publish), for lists.
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'mysteryChecklist')),
  language TEXT NOT NULL,
  draft TEXT CHECK (draft IS NULL OR json_valid(draft)),
  draft_saved_at TEXT,
  created_by INTEGER REFERENCES reviewer_profiles(id),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE rubric_versions (
  id INTEGER PRIMARY KEY,
  rubric_id INTEGER NOT NULL REFERENCES rubrics(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  -- The rubric as serializeRubric writes it (defaults spelled out), and that text's hash.
  content TEXT NOT NULL CHECK (json_valid(content)),
  sha256 TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  published_by INTEGER REFERENCES reviewer_profiles(id),
  published_at TEXT NOT NULL,
  UNIQUE (rubric_id, version)
) STRICT;
CREATE TRIGGER rubric_versions_immutable BEFORE UPDATE ON rubric_versions
BEGIN SELECT RAISE(ABORT, 'a published rubric version cannot be changed; publish a new version'); END;
CREATE TRIGGER rubric_versions_kept BEFORE DELETE ON rubric_versions
BEGIN SELECT RAISE(ABORT, 'a published rubric version is never deleted'); END;

CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions(id),
  reviewer_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
  overall_comment TEXT NOT NULL DEFAULT '' CHECK (length(overall_comment) <= 10000),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES reviewer_profiles(id),
  submitted_at TEXT
) STRICT;
CREATE INDEX evaluations_interaction ON evaluations (interaction_id, created_at);
CREATE INDEX evaluations_version ON evaluations (rubric_version_id, state, submitted_at);
CREATE INDEX evaluations_reviewer ON evaluations (reviewer_id, updated_at);
CREATE TRIGGER evaluations_version_fixed BEFORE UPDATE OF rubric_version_id ON evaluations
WHEN new.rubric_version_id <> old.rubric_version_id
BEGIN SELECT RAISE(ABORT, 'an evaluation keeps the rubric version it was scored on'); END;

CREATE TABLE evaluation_answers (
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  -- The AnswerValue as JSON ({"kind":"scale","value":2}); NULL while the item is not answered.
  value TEXT CHECK (value IS NULL OR json_valid(value)),
  comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (evaluation_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER evaluation_answers_locked_insert BEFORE INSERT ON evaluation_answers
WHEN (SELECT state FROM evaluations WHERE id = new.evaluation_id) = 'submitted'
BEGIN SELECT RAISE(ABORT, 'a submitted evaluation is locked; reopen it first'); END;
CREATE TRIGGER evaluation_answers_locked_update BEFORE UPDATE ON evaluation_answers
WHEN (SELECT state FROM evaluations WHERE id = old.evaluation_id) = 'submitted'
BEGIN SELECT RAISE(ABORT, 'a submitted evaluation is locked; reopen it first'); END;

-- Moments (pinned in the review workspace) that back an answer up; a deleted moment drops out.
CREATE TABLE evaluation_answer_moments (
  evaluation_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  moment_id INTEGER NOT NULL REFERENCES moments(id) ON DELETE CASCADE,
  PRIMARY KEY (evaluation_id, item_id, moment_id),
  FOREIGN KEY (evaluation_id, item_id) REFERENCES evaluation_answers(evaluation_id, item_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX evaluation_answer_moments_moment ON evaluation_answer_moments (moment_id);

CREATE TABLE evaluation_audit (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('started', 'submitted', 'reopened')),
  reviewer_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  at TEXT NOT NULL,
  reason TEXT CHECK (action <> 'reopened' OR length(trim(reason)) >= 3),
  -- On a submit: every answer as submitted, and how they differ from the previous submit.
  snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
  changes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes))
) STRICT;
CREATE INDEX evaluation_audit_evaluation ON evaluation_audit (evaluation_id, id);
CREATE TRIGGER evaluation_audit_append_only BEFORE UPDATE ON evaluation_audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;
