/**
 * Library score filter and faster search:
 * - evaluations keep the score they were submitted with (overall percent and result), written in the
 *   submit's transaction and cleared on reopen, so the library can filter and sort by it without
 *   scoring every evaluation on each query. Evaluations submitted before this migration are filled in
 *   once at start (services/evaluations/stored-score.ts): scoring needs the TypeScript rubric code;
 * - a small index from segment id to interaction id: a full-text search turns every matching segment
 *   into its interaction, and this index answers that from a few MB instead of the segment rows with
 *   their text (measured 3x faster for a word in 70,000 of 1,000,000 segments).
 */
export default /* sql */ `
ALTER TABLE evaluations ADD COLUMN score_percent REAL CHECK (score_percent BETWEEN 0 AND 100);
ALTER TABLE evaluations ADD COLUMN score_result TEXT CHECK (score_result IN ('pass', 'fail', 'incomplete'));
CREATE INDEX evaluations_latest_submitted ON evaluations (interaction_id, submitted_at DESC, id DESC)
  WHERE state = 'submitted';

CREATE INDEX segments_interaction_of ON segments (id, interaction_id);
`;
