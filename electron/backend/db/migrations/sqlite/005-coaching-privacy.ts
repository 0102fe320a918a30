/**
 * Coaching and privacy:
 * - profile_keys: for a profile locked with a passphrase, its random 256-bit key, wrapped (AES-256-GCM)
 *   with a key derived from the passphrase (scrypt) and the workstation key; nothing here opens it alone;
 * - coaching sessions for one agent and one coach, with focus items, linked evaluations and moments,
 *   action items, and notes. A private note holds only ciphertext (nonce + AES-256-GCM output); the CHECK
 *   makes a private note with a readable body impossible to write. Notes are never indexed for search;
 * - reels: exemplary moments collected, in order, for a team meeting.
 */
export default /* sql */ `
CREATE TABLE profile_keys (
  profile_id INTEGER PRIMARY KEY REFERENCES reviewer_profiles(id),
  kdf TEXT NOT NULL CHECK (kdf = 'scrypt'),
  -- {"N":…, "r":…, "p":…} as used, so stronger settings later do not lock out existing profiles.
  kdf_params TEXT NOT NULL CHECK (json_valid(kdf_params)),
  salt BLOB NOT NULL CHECK (length(salt) >= 16),
  -- nonce (12 bytes) || encrypted profile key (32) || GCM tag (16)
  wrapped_key BLOB NOT NULL CHECK (length(wrapped_key) = 60),
  -- Fingerprint of the workstation key mixed in, to tell "wrong passphrase" from "another workstation's key".
  workstation_key_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE coaching_sessions (
  id INTEGER PRIMARY KEY,
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  coach_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'closed')),
  talking_points TEXT NOT NULL DEFAULT '' CHECK (length(talking_points) <= 10000),
  follow_up_on TEXT CHECK (follow_up_on IS NULL OR follow_up_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  outcome TEXT NOT NULL DEFAULT '' CHECK (length(outcome) <= 4000),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT,
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
) STRICT;
CREATE INDEX coaching_sessions_agent ON coaching_sessions (agent_id, held_on);
CREATE INDEX coaching_sessions_coach ON coaching_sessions (coach_id, held_on);

CREATE TABLE coaching_focus_items (
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  item_id TEXT NOT NULL,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  section_title TEXT,
  PRIMARY KEY (session_id, position)
) STRICT;

CREATE TABLE coaching_evaluations (
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (session_id, evaluation_id)
) STRICT;

CREATE TABLE coaching_moments (
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  moment_id INTEGER NOT NULL REFERENCES moments(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (session_id, moment_id)
) STRICT;

CREATE TABLE coaching_actions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  text TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 1000),
  owner TEXT NOT NULL CHECK (owner IN ('agent', 'coach')),
  due_on TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  done_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX coaching_actions_session ON coaching_actions (session_id, id);
CREATE INDEX coaching_actions_open ON coaching_actions (due_on) WHERE done_at IS NULL;

CREATE TABLE coaching_notes (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  private INTEGER NOT NULL CHECK (private IN (0, 1)),
  body TEXT CHECK (body IS NULL OR length(body) <= 20000),
  nonce BLOB CHECK (nonce IS NULL OR length(nonce) = 12),
  ciphertext BLOB,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (
    (private = 0 AND body IS NOT NULL AND nonce IS NULL AND ciphertext IS NULL) OR
    (private = 1 AND body IS NULL AND nonce IS NOT NULL AND ciphertext IS NOT NULL)
  )
) STRICT;
CREATE INDEX coaching_notes_session ON coaching_notes (session_id, id);

CREATE TABLE reels (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  created_by INTEGER REFERENCES reviewer_profiles(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE reel_moments (
  reel_id INTEGER NOT NULL REFERENCES reels(id) ON DELETE CASCADE,
  moment_id INTEGER NOT NULL REFERENCES moments(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (reel_id, moment_id)
) STRICT;
`;
