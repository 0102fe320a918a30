/**
 * Pass marks: a rubric version says which overall percent passes (shared/rubric/outcome.ts), and a
 * submitted evaluation keeps its outcome (pass, below target, critical fail) instead of pass/fail:
 * - rubric_versions.pass_mark: every version published so far gets 80 %, the default. The content
 *   JSON of those versions stays as it was published (it is immutable, its hash recorded); the column
 *   is what the version's pass mark is read from;
 * - an editor draft gets its rubric's pass mark (80 %) so the editor can show and change it;
 * - evaluations.score_outcome replaces score_result: a critical fail stays one, a pass becomes below
 *   target where its stored percent is under 80. Evaluations without a stored score are scored at
 *   start as before (services/evaluations/stored-score.ts);
 * - mystery shops keep their outcome beside their result. Their result column (migration 009) only
 *   allows pass, fail and incomplete, and rebuilding the table would cascade-delete its audit trail,
 *   so it stays as it was (is the shop complete, did a critical item fail) and outcome says the rest.
 */
export default /* sql */ `
ALTER TABLE rubric_versions ADD COLUMN pass_mark INTEGER NOT NULL DEFAULT 80 CHECK (pass_mark BETWEEN 1 AND 100);

UPDATE rubrics SET draft = json_set(draft, '$.passMark', 80)
  WHERE draft IS NOT NULL AND json_type(draft, '$.passMark') IS NULL;

ALTER TABLE evaluations ADD COLUMN score_outcome TEXT
  CHECK (score_outcome IN ('pass', 'belowTarget', 'criticalFail'));
UPDATE evaluations SET score_outcome = CASE
    WHEN score_result = 'fail' THEN 'criticalFail'
    WHEN score_percent IS NULL OR score_percent >= 80 THEN 'pass'
    ELSE 'belowTarget'
  END
  WHERE score_result IS NOT NULL;
ALTER TABLE evaluations DROP COLUMN score_result;

ALTER TABLE mystery_shops ADD COLUMN outcome TEXT NOT NULL DEFAULT 'pass'
  CHECK (outcome IN ('pass', 'belowTarget', 'criticalFail'));
UPDATE mystery_shops SET outcome = CASE
    WHEN result = 'fail' THEN 'criticalFail'
    WHEN percent IS NULL OR percent >= 80 THEN 'pass'
    ELSE 'belowTarget'
  END;
`;
