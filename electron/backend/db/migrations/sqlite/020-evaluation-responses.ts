/**
 * An agent's answer to one of their submitted evaluations (issue 14): acknowledged, or disputed with a
 * reason, by whom (the agent's account profile) and when. One answer per evaluation; it stays with the
 * evaluation, so a reviewer who reopens a disputed evaluation sees what the agent said.
 */
export default /* sql */ `
CREATE TABLE evaluation_responses (
  evaluation_id INTEGER PRIMARY KEY REFERENCES evaluations(id) ON DELETE CASCADE,
  response TEXT NOT NULL CHECK (response IN ('acknowledged', 'disputed')),
  reason TEXT CHECK (reason IS NULL OR length(reason) <= 2000),
  profile_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  at TEXT NOT NULL
) STRICT;
`;
