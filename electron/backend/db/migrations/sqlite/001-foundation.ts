/** Teams, agents, interactions (calls and chats), recordings with cached peaks, transcript segments, settings. */
export default /* sql */ `
CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE agents (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  UNIQUE (name, team_id)
) STRICT;

CREATE TABLE interactions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('call', 'chat')),
  title TEXT NOT NULL,
  external_id TEXT,
  source TEXT NOT NULL,
  agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  started_at TEXT,
  direction TEXT CHECK (direction IN ('inbound', 'outbound')),
  queue TEXT,
  customer_ref TEXT,
  duration_ms INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX interactions_started ON interactions (started_at DESC, id DESC);
CREATE INDEX interactions_agent ON interactions (agent_id);
CREATE UNIQUE INDEX interactions_external ON interactions (source, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE recordings (
  id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  container TEXT NOT NULL,
  codec TEXT NOT NULL,
  sample_rate INTEGER NOT NULL,
  channels INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  -- JSON array naming each channel ('agent' / 'customer'), NULL for a mixed recording
  channel_roles TEXT
) STRICT;
CREATE INDEX recordings_interaction ON recordings (interaction_id);
CREATE INDEX recordings_sha ON recordings (sha256);

-- Min/max peaks per channel at a few resolutions, stored as little-endian Int16 (min, max) pairs.
CREATE TABLE peaks (
  recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
  samples_per_peak INTEGER NOT NULL,
  channel INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (recording_id, samples_per_peak, channel)
) STRICT, WITHOUT ROWID;

CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  speaker TEXT NOT NULL CHECK (speaker IN ('agent', 'customer')),
  start_ms INTEGER,
  end_ms INTEGER,
  sent_at TEXT,
  text TEXT NOT NULL,
  UNIQUE (interaction_id, seq)
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
