import Papa from 'papaparse';
import type { ParsedParams } from '../../../../shared/api';
import { csvLeadingColumns, type CsvLabels } from '../../../../shared/api/methods/evaluations';
import type { Answer } from '../../../../shared/rubric/answers';
import type { RubricItem, RubricSection } from '../../../../shared/rubric/schema';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import type { Db } from '../../db/open';
import { rubricKey } from '../rubrics/store';
import { versionContent } from '../rubrics/version-cache';
import { loadAnswers } from './answers';

/**
 * The export a QA team opens in Excel: one row per evaluation (so rows can be sorted and filtered by
 * agent, reviewer, score), then for each item its answer and its comment. Items are the union over all
 * versions of the rubric, in the latest version's order; an item a version did not have stays empty.
 */

const englishColumns: Record<string, string> = {
  evaluation: 'Evaluation',
  interaction: 'Interaction',
  startedAt: 'Interaction date',
  agent: 'Agent',
  team: 'Team',
  reviewer: 'Reviewer',
  role: 'Reviewer role',
  version: 'Rubric version',
  state: 'State',
  submittedAt: 'Submitted',
  result: 'Result',
  score: 'Score %',
  overallComment: 'Overall comment',
};
const englishWords = {
  answers: { yes: 'yes', no: 'no', na: 'n.a.' },
  results: { pass: 'pass', fail: 'fail', incomplete: 'incomplete' },
  states: { draft: 'draft', submitted: 'submitted' },
  roles: {
    qa_supervisor: 'QA supervisor',
    team_lead: 'team lead',
    mystery_shopper: 'mystery shopper',
  } as Record<string, string>,
};

interface Row {
  id: number;
  rubric_version_id: number;
  state: 'draft' | 'submitted';
  overall_comment: string;
  submitted_at: string | null;
  updated_at: string;
  title: string;
  started_at: string | null;
  agent_name: string | null;
  team_name: string | null;
  reviewer_name: string;
  reviewer_role: string;
}

/** "2026-11-02 09:14" in the workstation's time: a form Excel reads as a date in every locale. */
function excelDateTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

function unionOf<T extends { id: string }>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const entry of list) if (!seen.has(entry.id)) seen.set(entry.id, entry);
  return [...seen.values()];
}

export function exportEvaluationsCsv(
  db: Db,
  params: ParsedParams<'evaluation.exportCsv'>,
): { fileName: string; csv: string; rows: number } {
  const key = rubricKey(db, params.rubricId, 'rubricId');
  const labels: CsvLabels = params.labels ?? {};
  const column = (name: string) => labels.columns?.[name] ?? englishColumns[name] ?? name;
  const word = <K extends keyof typeof englishWords>(group: K, value: string): string =>
    (labels[group] as Record<string, string> | undefined)?.[value] ??
    (englishWords[group] as Record<string, string>)[value] ??
    value;
  const number = (value: number | null) =>
    value === null ? '' : params.decimalComma ? String(value).replace('.', ',') : String(value);

  // Newest version first, so its order and titles lead.
  const versionIds = db
    .prepare('SELECT id FROM rubric_versions WHERE rubric_id = ? ORDER BY version DESC')
    .pluck()
    .all(params.rubricId) as number[];
  const versions = versionIds.map((id) => versionContent(db, id).rubric);
  const sections: RubricSection[] = unionOf(versions.map((r) => r.sections));
  const items: RubricItem[] = unionOf(versions.map((r) => r.sections.flatMap((s) => s.items)));

  const rows = db
    .prepare(
      `SELECT e.id, e.rubric_version_id, e.state, e.overall_comment, e.submitted_at, e.updated_at,
         i.title, i.started_at, a.name AS agent_name, t.name AS team_name,
         p.name AS reviewer_name, p.role AS reviewer_role
       FROM evaluations e
       JOIN rubric_versions v ON v.id = e.rubric_version_id
       JOIN interactions i ON i.id = e.interaction_id
       LEFT JOIN agents a ON a.id = i.agent_id
       LEFT JOIN teams t ON t.id = a.team_id
       JOIN reviewer_profiles p ON p.id = e.reviewer_id
       WHERE v.rubric_id = ? AND (e.state = 'submitted' OR ?)
       ORDER BY coalesce(e.submitted_at, e.updated_at), e.id`,
    )
    .all(params.rubricId, params.includeDrafts ? 1 : 0) as Row[];

  const commentSuffix = labels.commentSuffix ?? 'comment';
  const fields = [
    ...csvLeadingColumns.map(column),
    ...sections.map((section) => `${section.title} %`),
    column('overallComment'),
    ...items.flatMap((item) => [item.title, `${item.title} – ${commentSuffix}`]),
  ];

  const data = rows.map((row) => {
    const version = versionContent(db, row.rubric_version_id);
    const answers = loadAnswers(db, row.id, version);
    const breakdown = scoreEvaluation(version.rubric, answers);
    const answerFor = new Map(answers.map((a) => [a.itemId, a]));
    const sectionPercent = new Map(breakdown.sections.map((s) => [s.sectionId, s.percent]));
    const answerText = (item: RubricItem, answer: Answer | undefined): string => {
      const value = answer?.value;
      if (!value) return '';
      if (value.kind === 'scale') return String(value.value);
      if (value.kind === 'choice') {
        // The label the reviewer saw, in the version they scored on.
        const own = version.items.get(item.id)?.item;
        const options = own?.type === 'choice' ? own.options : [];
        return options.find((o) => o.id === value.optionId)?.label ?? value.optionId;
      }
      return word('answers', value.kind);
    };
    return [
      String(row.id),
      row.title,
      excelDateTime(row.started_at),
      row.agent_name ?? '',
      row.team_name ?? '',
      row.reviewer_name,
      word('roles', row.reviewer_role),
      String(version.version),
      word('states', row.state),
      excelDateTime(row.submitted_at),
      word('results', breakdown.overall.result),
      number(breakdown.overall.percent),
      ...sections.map((section) => number(sectionPercent.get(section.id) ?? null)),
      row.overall_comment,
      ...items.flatMap((item) => {
        const answer = answerFor.get(item.id);
        return [answerText(item, answer), answer?.comment ?? ''];
      }),
    ];
  });

  const csv = Papa.unparse(
    { fields, data },
    // escapeFormulae: a comment starting with "=" or "+" must stay text in Excel, not become a formula.
    { delimiter: params.delimiter, newline: '\r\n', escapeFormulae: true },
  );
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `evaluations-${key}-${day}.csv`, csv: `\uFEFF${csv}\r\n`, rows: rows.length };
}
