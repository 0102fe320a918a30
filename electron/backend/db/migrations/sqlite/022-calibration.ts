/**
 * Calibration sessions (issue 15): reviewers score the same interactions blind, then compare.
 * Their answers are kept here, apart from evaluations: a calibration answer is never an evaluation of
 * the agent (not on agent pages, in averages, reports, queue completion or exports), because nothing
 * that reads evaluations reads these tables.
 *
 * - a session is scored on one rubric version (fixed, as an evaluation's is), may hide the agent's name
 *   from the participants, and may name an expert whose answers are the reference;
 * - `revealed_at` is set once, by the manager: before it nobody reads anyone else's answers (the
 *   service's row rule); participants who had not submitted by then are the session's missing ones;
 * - agreed answers are what the group settled on after the reveal, per criterion and interaction.
 */
export default /* sql */ `
CREATE TABLE calibration_sessions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions(id),
  hide_agent INTEGER NOT NULL CHECK (hide_agent IN (0, 1)),
  expert_id INTEGER REFERENCES reviewer_profiles(id),
  created_by INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  created_at TEXT NOT NULL,
  revealed_at TEXT,
  revealed_by INTEGER REFERENCES reviewer_profiles(id)
) STRICT;
CREATE INDEX calibration_sessions_created ON calibration_sessions (created_at);

CREATE TABLE calibration_interactions (
  session_id INTEGER NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (session_id, interaction_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE calibration_participants (
  session_id INTEGER NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  profile_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  submitted_at TEXT,
  PRIMARY KEY (session_id, profile_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX calibration_participants_profile ON calibration_participants (profile_id);

CREATE TABLE calibration_answers (
  session_id INTEGER NOT NULL,
  profile_id INTEGER NOT NULL,
  interaction_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  value TEXT CHECK (value IS NULL OR json_valid(value)),
  comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, profile_id, interaction_id, item_id),
  FOREIGN KEY (session_id, profile_id) REFERENCES calibration_participants(session_id, profile_id) ON DELETE CASCADE,
  FOREIGN KEY (session_id, interaction_id) REFERENCES calibration_interactions(session_id, interaction_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE calibration_agreed (
  session_id INTEGER NOT NULL,
  interaction_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL CHECK (json_valid(value)),
  set_by INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  set_at TEXT NOT NULL,
  PRIMARY KEY (session_id, interaction_id, item_id),
  FOREIGN KEY (session_id, interaction_id) REFERENCES calibration_interactions(session_id, interaction_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
`;
