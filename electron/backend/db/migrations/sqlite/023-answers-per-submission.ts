/**
 * An agent answers each submission of an evaluation (issue 14): a reviewer who reopens a disputed
 * evaluation and submits it again asks the agent afresh. An answer now belongs to the submission it
 * answered (its `submitted` audit row); earlier answers stay, as the evaluation's history. An answer
 * stored before this names the last submission made before it was given.
 */
export default /* sql */ `
ALTER TABLE evaluation_responses RENAME TO evaluation_responses_020;
CREATE TABLE evaluation_responses (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  submission_id INTEGER NOT NULL UNIQUE REFERENCES evaluation_audit(id) ON DELETE CASCADE,
  response TEXT NOT NULL CHECK (response IN ('acknowledged', 'disputed')),
  reason TEXT CHECK (reason IS NULL OR length(reason) <= 2000),
  profile_id INTEGER NOT NULL REFERENCES reviewer_profiles(id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX evaluation_responses_evaluation ON evaluation_responses (evaluation_id, id);
INSERT INTO evaluation_responses (evaluation_id, submission_id, response, reason, profile_id, at)
SELECT r.evaluation_id,
       coalesce(
         (SELECT max(s.id) FROM evaluation_audit s
           WHERE s.evaluation_id = r.evaluation_id AND s.action = 'submitted' AND s.at <= r.at),
         (SELECT max(s.id) FROM evaluation_audit s
           WHERE s.evaluation_id = r.evaluation_id AND s.action = 'submitted')
       ),
       r.response, r.reason, r.profile_id, r.at
FROM evaluation_responses_020 r
ORDER BY r.at;
DROP TABLE evaluation_responses_020;
`;
