import type { ParsedParams } from '../../../../shared/api';
import type { RescorePreview } from '../../../../shared/api/methods/rubrics';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import type { Query } from '../../db/schema';
import { answersOf } from '../evaluations/answers';
import { versionsOf } from '../evaluations/read';
import { scoreFigures, shownFigures, storedScoreOf } from '../evaluations/score';
import { rubricFromDraft } from './authoring';
import { carryOver } from './carry-over';
import { rubricKey } from './store';

/** What publishing a draft would do to the latest submitted evaluations: old score beside new. */
export async function previewRescore(
  q: Query,
  params: ParsedParams<'rubric.previewRescore'>,
): Promise<RescorePreview> {
  const key = await rubricKey(q, params.id);
  const rubric = rubricFromDraft(key, params.draft, 'previewed');
  const submitted = q
    .selectFrom('evaluations as e')
    .innerJoin('rubric_versions as v', 'v.id', 'e.rubric_version_id')
    .where('v.rubric_id', '=', params.id)
    .where('e.state', '=', 'submitted');
  const [count, rows] = await Promise.all([
    submitted.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    submitted
      .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
      .leftJoin('agents as a', 'a.id', 'i.agent_id')
      .innerJoin('reviewer_profiles as p', 'p.id', 'e.reviewer_id')
      .select([
        'e.id',
        'e.interaction_id',
        'e.rubric_version_id',
        'e.submitted_at',
        'i.title',
        'a.name as agent_name',
        'p.name as reviewer_name',
        'e.score_percent',
        'e.score_outcome',
      ])
      .orderBy('e.submitted_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(params.limit)
      .execute(),
  ]);
  const versions = await versionsOf(q, rows);
  const answers = await answersOf(
    q,
    rows.map((row) => ({ id: row.id, version: versions.get(row.rubric_version_id)! })),
  );
  return {
    total: Number(count.n),
    evaluations: rows.map((row) => {
      const version = versions.get(row.rubric_version_id)!;
      const given = answers.get(row.id) ?? [];
      const carried = carryOver(rubric, given);
      return {
        evaluationId: row.id,
        interactionId: row.interaction_id,
        interactionTitle: row.title,
        agentName: row.agent_name,
        reviewerName: row.reviewer_name,
        submittedAt: row.submitted_at,
        version: version.version,
        // As every screen shows it today; `after` is what the new version would make of the answers.
        before: shownFigures(scoreEvaluation(version.rubric, given), storedScoreOf(row)),
        after: scoreFigures(rubric, carried.answers),
        carried: carried.carried,
        dropped: carried.dropped,
      };
    }),
  };
}
