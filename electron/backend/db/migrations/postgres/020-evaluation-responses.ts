/** An agent's answer to one of their submitted evaluations; see the SQLite migration of the same number. */
export default /* sql */ `
CREATE TABLE evaluation_responses (
  evaluation_id bigint PRIMARY KEY REFERENCES evaluations(id) ON DELETE CASCADE,
  response text NOT NULL CHECK (response IN ('acknowledged', 'disputed')),
  reason text CHECK (reason IS NULL OR length(reason) <= 2000),
  profile_id bigint NOT NULL REFERENCES reviewer_profiles(id),
  at text NOT NULL
);
`;
