/** PostgreSQL twin of sqlite/006-library-score-search: the stored score of a submitted evaluation. */
export default /* sql */ `
ALTER TABLE evaluations ADD COLUMN score_percent double precision CHECK (score_percent BETWEEN 0 AND 100);
ALTER TABLE evaluations ADD COLUMN score_result text CHECK (score_result IN ('pass', 'fail', 'incomplete'));
CREATE INDEX evaluations_latest_submitted ON evaluations (interaction_id, submitted_at DESC, id DESC)
  WHERE state = 'submitted';

CREATE INDEX segments_interaction_of ON segments (id, interaction_id);
`;
