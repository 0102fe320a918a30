/**
 * PostgreSQL twin of sqlite/016-team-accounts: every role of the programme on profiles, and the team
 * server's accounts, the teams a lead leads, login sessions (token hashes only) and failed logins.
 */
export default /* sql */ `
ALTER TABLE reviewer_profiles DROP CONSTRAINT reviewer_profiles_role_check;
ALTER TABLE reviewer_profiles ADD CONSTRAINT reviewer_profiles_role_check
  CHECK (role IN ('admin', 'qa_manager', 'qa_supervisor', 'team_lead', 'mystery_shopper', 'agent'));

CREATE TABLE accounts (
  profile_id bigint PRIMARY KEY REFERENCES reviewer_profiles(id),
  username text NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
  password_hash text NOT NULL,
  agent_id bigint REFERENCES agents(id) ON DELETE SET NULL,
  disabled_at text,
  created_at text NOT NULL,
  password_changed_at text NOT NULL
);
CREATE UNIQUE INDEX accounts_username ON accounts (lower(username));
CREATE UNIQUE INDEX accounts_agent ON accounts (agent_id) WHERE agent_id IS NOT NULL;

CREATE TABLE account_teams (
  profile_id bigint NOT NULL REFERENCES accounts(profile_id) ON DELETE CASCADE,
  team_id bigint NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  PRIMARY KEY (profile_id, team_id)
);

CREATE TABLE team_sessions (
  token_hash text PRIMARY KEY,
  profile_id bigint NOT NULL REFERENCES accounts(profile_id) ON DELETE CASCADE,
  created_at text NOT NULL,
  last_seen_at text NOT NULL,
  expires_at text NOT NULL,
  address text,
  note_key bytea
);
CREATE INDEX team_sessions_profile ON team_sessions (profile_id);

CREATE TABLE login_failures (
  key text PRIMARY KEY,
  failures bigint NOT NULL CHECK (failures >= 1),
  last_failure_at text NOT NULL,
  blocked_until text
);
`;
