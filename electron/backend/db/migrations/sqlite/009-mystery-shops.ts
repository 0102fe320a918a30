/**
 * Mystery shops, kept in tables of their own so that a shop can never be counted as a QA evaluation
 * (library scores and agents' QA averages read `evaluations` only). The agency's shop id identifies a
 * shop: importing the same spreadsheet again adds nothing.
 */
export default /* sql */ `
CREATE TABLE mystery_scenarios (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  script TEXT NOT NULL DEFAULT '',
  provocative_question TEXT NOT NULL DEFAULT '',
  good_answer TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX mystery_scenarios_title ON mystery_scenarios (title COLLATE NOCASE);

CREATE TABLE mystery_shops (
  id INTEGER PRIMARY KEY,
  shop_id TEXT NOT NULL UNIQUE CHECK (length(trim(shop_id)) BETWEEN 1 AND 200),
  wave TEXT NOT NULL DEFAULT '',
  -- Local wall-clock time as the agency reports it (YYYY-MM-DDTHH:MM), no time zone.
  occurred_at TEXT NOT NULL CHECK (occurred_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
  channel TEXT NOT NULL CHECK (channel IN ('call', 'chat', 'email', 'visit')),
  team TEXT NOT NULL DEFAULT '',
  agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  answered_by TEXT,
  scenario_id INTEGER REFERENCES mystery_scenarios(id),
  scenario_text TEXT NOT NULL DEFAULT '',
  rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions(id),
  -- The checklist answers as EvaluationAnswers JSON.
  answers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(answers)),
  recording_id INTEGER REFERENCES recordings(id) ON DELETE SET NULL,
  notes TEXT NOT NULL DEFAULT '',
  extra TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'queried', 'confirmed')),
  -- Score from the answers and the version, kept for lists and reports; recomputed on every change.
  percent REAL,
  result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'incomplete')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX mystery_shops_occurred ON mystery_shops (occurred_at);
CREATE INDEX mystery_shops_agent ON mystery_shops (agent_id);

CREATE TABLE mystery_shop_audit (
  id INTEGER PRIMARY KEY,
  shop_row_id INTEGER NOT NULL REFERENCES mystery_shops(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('created', 'saved', 'submitted', 'imported', 'queried', 'confirmed', 'corrected')),
  profile_id INTEGER REFERENCES reviewer_profiles(id),
  at TEXT NOT NULL,
  reason TEXT CHECK (action NOT IN ('queried', 'corrected') OR length(trim(reason)) >= 3),
  changes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes))
) STRICT;
CREATE INDEX mystery_shop_audit_shop ON mystery_shop_audit (shop_row_id, id);
`;
