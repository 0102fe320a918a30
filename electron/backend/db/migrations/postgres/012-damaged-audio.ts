/** PostgreSQL twin of sqlite/012-damaged-audio: what was damaged in a recording, an import file's warnings. */
export default /* sql */ `
ALTER TABLE recordings ADD COLUMN damage text;
ALTER TABLE import_files ADD COLUMN warnings text;
`;
