import type { ParsedParams } from '../../../../shared/api';
import type { RescorePreview } from '../../../../shared/api/methods/rubrics';
import type { Outcome } from '../../../../shared/rubric/outcome';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import type { Db } from '../../db/open';
import { loadAnswersOf } from '../evaluations/answers';
import { scoreFigures, shownFigures, storedScoreOf } from '../evaluations/score';
import { rubricFromDraft } from './authoring';
import { carryOver } from './carry-over';
import { rubricKey } from './store';
import { versionContent } from './version-cache';

interface Row {
  id: number;
  interaction_id: number;
  rubric_version_id: number;
  submitted_at: string | null;
  title: string;
  agent_name: string | null;
  reviewer_name: string;
  score_percent: number | null;
  score_outcome: Outcome | null;
}

/** What publishing a draft would do to the latest submitted evaluations: old score beside new. */
export function previewRescore(db: Db, params: ParsedParams<'rubric.previewRescore'>): RescorePreview {
  const key = rubricKey(db, params.id);
  const rubric = rubricFromDraft(key, params.draft, 'previewed');
  const from = `FROM evaluations e JOIN rubric_versions v ON v.id = e.rubric_version_id
    WHERE v.rubric_id = ? AND e.state = 'submitted'`;
  const total = db.prepare(`SELECT count(*) ${from}`).pluck().get(params.id) as number;
  const rows = db
    .prepare(
      `SELECT e.id, e.interaction_id, e.rubric_version_id, e.submitted_at, i.title, a.name AS agent_name,
         p.name AS reviewer_name, e.score_percent, e.score_outcome
       FROM evaluations e
       JOIN rubric_versions v ON v.id = e.rubric_version_id
       JOIN interactions i ON i.id = e.interaction_id
       LEFT JOIN agents a ON a.id = i.agent_id
       JOIN reviewer_profiles p ON p.id = e.reviewer_id
       WHERE v.rubric_id = ? AND e.state = 'submitted'
       ORDER BY e.submitted_at DESC, e.id DESC LIMIT ?`,
    )
    .all(params.id, params.limit) as Row[];
  const answersOf = loadAnswersOf(
    db,
    rows.map((row) => ({ id: row.id, version: versionContent(db, row.rubric_version_id) })),
  );
  return {
    total,
    evaluations: rows.map((row) => {
      const version = versionContent(db, row.rubric_version_id);
      const answers = answersOf.get(row.id) ?? [];
      const carried = carryOver(rubric, answers);
      return {
        evaluationId: row.id,
        interactionId: row.interaction_id,
        interactionTitle: row.title,
        agentName: row.agent_name,
        reviewerName: row.reviewer_name,
        submittedAt: row.submitted_at,
        version: version.version,
        // As every screen shows it today; `after` is what the new version would make of the answers.
        before: shownFigures(scoreEvaluation(version.rubric, answers), storedScoreOf(row)),
        after: scoreFigures(rubric, carried.answers),
        carried: carried.carried,
        dropped: carried.dropped,
      };
    }),
  };
}
