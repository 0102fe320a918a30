/** PostgreSQL twin of sqlite/010-import-updates: an import file's outcome can be 'updated'. */
export default /* sql */ `
ALTER TABLE import_files DROP CONSTRAINT import_files_outcome_check;
ALTER TABLE import_files ADD CONSTRAINT import_files_outcome_check
  CHECK (outcome IN ('imported', 'updated', 'skipped', 'failed'));
`;
