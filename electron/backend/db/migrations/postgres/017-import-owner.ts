/** PostgreSQL twin of sqlite/017-import-owner: which process and job hold a running import batch, and until when. */
export default /* sql */ `
ALTER TABLE import_batches ADD COLUMN owner text;
ALTER TABLE import_batches ADD COLUMN lease_until text;
ALTER TABLE import_batches ADD COLUMN job_id text;
ALTER TABLE import_batches ADD COLUMN request text;
`;
