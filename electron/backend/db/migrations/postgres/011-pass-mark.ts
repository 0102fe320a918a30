/**
 * PostgreSQL twin of sqlite/011-pass-mark: a rubric version's pass mark, an evaluation's and a mystery
 * shop's outcome. Adding a column with a default does not fire rubric_versions' update trigger.
 */
export default /* sql */ `
ALTER TABLE rubric_versions ADD COLUMN pass_mark bigint NOT NULL DEFAULT 80 CHECK (pass_mark BETWEEN 1 AND 100);

UPDATE rubrics SET draft = jsonb_set(draft::jsonb, '{passMark}', '80')::text
  WHERE draft IS NOT NULL AND draft::jsonb -> 'passMark' IS NULL;

ALTER TABLE evaluations ADD COLUMN score_outcome text
  CHECK (score_outcome IN ('pass', 'belowTarget', 'criticalFail'));
UPDATE evaluations SET score_outcome = CASE
    WHEN score_result = 'fail' THEN 'criticalFail'
    WHEN score_percent IS NULL OR score_percent >= 80 THEN 'pass'
    ELSE 'belowTarget'
  END
  WHERE score_result IS NOT NULL;
ALTER TABLE evaluations DROP COLUMN score_result;

ALTER TABLE mystery_shops ADD COLUMN outcome text NOT NULL DEFAULT 'pass'
  CHECK (outcome IN ('pass', 'belowTarget', 'criticalFail'));
UPDATE mystery_shops SET outcome = CASE
    WHEN result = 'fail' THEN 'criticalFail'
    WHEN percent IS NULL OR percent >= 80 THEN 'pass'
    ELSE 'belowTarget'
  END;
`;
