/** PostgreSQL twin of sqlite/008-peak-uploads: an AAC recording's peaks while they arrive in parts. */
export default /* sql */ `
CREATE TABLE peak_uploads (
  recording_id bigint NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
  channel bigint NOT NULL,
  samples_per_peak bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (recording_id, channel)
);
`;
