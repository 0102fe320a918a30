/**
 * Undo for a deleted moment: deleting one keeps, for a few minutes, everything needed to put it back
 * as it was: its row, its tags, and where it was linked (evaluation answers, coaching sessions, reels).
 * The links go with the moment (ON DELETE CASCADE), so they are copied here in the delete's
 * transaction. Old entries are purged (services/review/deleted-moments.ts): a deleted comment is
 * personal data and does not linger.
 */
export default /* sql */ `
CREATE TABLE deleted_moments (
  moment_id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  -- {"moment": {row}, "tagIds": [...], "answers": [...], "sessions": [...], "reels": [...]}
  snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
  deleted_at TEXT NOT NULL
) STRICT;
CREATE INDEX deleted_moments_age ON deleted_moments (deleted_at);
`;
