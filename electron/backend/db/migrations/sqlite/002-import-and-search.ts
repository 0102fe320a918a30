/**
 * Import at scale and full-text search:
 * - segments may come from the system (chat bot actions, IVR), not only agent and customer;
 * - recordings remember the source file(s) apart from the playable file (transcoded GSM/ADPCM,
 *   paired two-leg calls), the duration the container claimed, and their content hash for de-duplication;
 * - an FTS5 index over segment text (filled in bulk on insert, kept in step by triggers on change);
 * - import batches and per-file outcomes, so a batch can be reported and resumed.
 */
export default /* sql */ `
CREATE TABLE segments_new (
  id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  speaker TEXT NOT NULL CHECK (speaker IN ('agent', 'customer', 'system')),
  start_ms INTEGER,
  end_ms INTEGER,
  sent_at TEXT,
  text TEXT NOT NULL,
  UNIQUE (interaction_id, seq)
) STRICT;
INSERT INTO segments_new SELECT id, interaction_id, seq, speaker, start_ms, end_ms, sent_at, text FROM segments;
DROP TABLE segments;
ALTER TABLE segments_new RENAME TO segments;

ALTER TABLE recordings ADD COLUMN source_paths TEXT; -- JSON array: one file, or the agent and customer legs
ALTER TABLE recordings ADD COLUMN claimed_duration_ms INTEGER;
ALTER TABLE recordings ADD COLUMN transcoded INTEGER NOT NULL DEFAULT 0;

ALTER TABLE interactions ADD COLUMN content_hash TEXT;
CREATE UNIQUE INDEX interactions_content_hash ON interactions (content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX interactions_kind_started ON interactions (kind, started_at DESC, id DESC);

CREATE VIRTUAL TABLE segments_fts USING fts5(
  text,
  content = 'segments',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);
INSERT INTO segments_fts (rowid, text) SELECT id, text FROM segments;
-- New segments are indexed in bulk by the code that inserts them (services/segments.ts): measured
-- 4-8x faster than a per-row trigger. Deletes and edits are rare and stay on triggers.
CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments BEGIN
  INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER segments_fts_update AFTER UPDATE OF text ON segments BEGIN
  INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO segments_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'failed')),
  total_files INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE import_files (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'skipped', 'failed')),
  interaction_id INTEGER REFERENCES interactions(id) ON DELETE SET NULL,
  message TEXT
) STRICT;
CREATE INDEX import_files_batch ON import_files (batch_id);
`;
