/**
 * Who holds an import batch while it runs, for a team server's several processes on one PostgreSQL: the
 * process (`owner`), until when its hold lasts unless renewed (`lease_until`, ISO time), and the queue's
 * job that carries the batch (`job_id`) with what it was asked to import (`request`, JSON) when it runs as
 * a job. A batch whose hold ran out is abandoned: its job is resumed by another process, a batch run
 * outside the queue is marked failed. The workstation (one process holding the data folder's lock) leaves
 * them empty; they are here so both engines keep one schema.
 */
export default /* sql */ `
ALTER TABLE import_batches ADD COLUMN owner TEXT;
ALTER TABLE import_batches ADD COLUMN lease_until TEXT;
ALTER TABLE import_batches ADD COLUMN job_id TEXT;
ALTER TABLE import_batches ADD COLUMN request TEXT;
`;
