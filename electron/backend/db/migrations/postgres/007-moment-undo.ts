/** PostgreSQL twin of sqlite/007-moment-undo: a deleted moment kept for a few minutes, for undo. */
export default /* sql */ `
CREATE TABLE deleted_moments (
  moment_id bigint PRIMARY KEY,
  interaction_id bigint NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  snapshot text NOT NULL CHECK (earmark_json_valid(snapshot)),
  deleted_at text NOT NULL
);
CREATE INDEX deleted_moments_age ON deleted_moments (deleted_at);
`;
