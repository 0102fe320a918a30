/**
 * Team accounts (issue 14): a team account is a reviewer profile plus a login. Profiles take every role
 * of the programme (admin, QA manager, QA supervisor, team lead, mystery shopper, agent); the CHECK is
 * part of the table, so reviewer_profiles is rebuilt with the same ids (the runner migrates with foreign
 * keys off and checks them all before committing, as SQLite's own procedure for table changes says).
 *
 * - accounts: the login of a profile: username (unique regardless of case), password hash
 *   (`scrypt$N$r$p$salt$hash`), the agent record an agent account reads, disabled or not.
 * - account_teams: the teams a team lead leads (what they see of agents and mystery shops).
 * - team_sessions: a login, kept as the SHA-256 of its cookie token (a dump cannot be replayed), with
 *   idle and absolute expiry and, when the author has private notes, her note key wrapped with a key
 *   derived from that token (no server can unwrap it without the cookie).
 * - login_failures: failed logins per username and per address, shared by every server process.
 */
export default /* sql */ `
CREATE TABLE reviewer_profiles_new (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  role TEXT NOT NULL CHECK (role IN ('admin', 'qa_manager', 'qa_supervisor', 'team_lead', 'mystery_shopper', 'agent')),
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO reviewer_profiles_new (id, name, role, created_at) SELECT id, name, role, created_at FROM reviewer_profiles;
DROP TABLE reviewer_profiles;
ALTER TABLE reviewer_profiles_new RENAME TO reviewer_profiles;
CREATE UNIQUE INDEX reviewer_profiles_name ON reviewer_profiles (name COLLATE NOCASE);

CREATE TABLE accounts (
  profile_id INTEGER PRIMARY KEY REFERENCES reviewer_profiles(id),
  username TEXT NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
  password_hash TEXT NOT NULL,
  agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX accounts_username ON accounts (username COLLATE NOCASE);
CREATE UNIQUE INDEX accounts_agent ON accounts (agent_id) WHERE agent_id IS NOT NULL;

CREATE TABLE account_teams (
  profile_id INTEGER NOT NULL REFERENCES accounts(profile_id) ON DELETE CASCADE,
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  PRIMARY KEY (profile_id, team_id)
) STRICT;

CREATE TABLE team_sessions (
  token_hash TEXT PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES accounts(profile_id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  address TEXT,
  note_key BLOB
) STRICT;
CREATE INDEX team_sessions_profile ON team_sessions (profile_id);

CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 1),
  last_failure_at TEXT NOT NULL,
  blocked_until TEXT
) STRICT;
`;
