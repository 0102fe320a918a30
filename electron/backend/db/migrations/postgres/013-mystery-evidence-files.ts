/** PostgreSQL twin of sqlite/013-mystery-evidence-files: a shop's other evidence files, a JSON array of paths. */
export default /* sql */ `
ALTER TABLE mystery_shops ADD COLUMN files text NOT NULL DEFAULT '[]' CHECK (earmark_json_valid(files) AND left(files, 1) = '[');
`;
