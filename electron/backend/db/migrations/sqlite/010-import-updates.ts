/**
 * A manifest imported after its recordings updates their details: an import file's outcome can now
 * be 'updated' (the CHECK constraint is part of the table, so the small table is rebuilt).
 */
export default /* sql */ `
CREATE TABLE import_files_new (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'updated', 'skipped', 'failed')),
  interaction_id INTEGER REFERENCES interactions(id) ON DELETE SET NULL,
  message TEXT
) STRICT;
INSERT INTO import_files_new SELECT id, batch_id, path, outcome, interaction_id, message FROM import_files;
DROP TABLE import_files;
ALTER TABLE import_files_new RENAME TO import_files;
CREATE INDEX import_files_batch ON import_files (batch_id);
`;
