import { csvLeadingColumns, type CsvLabels } from '../../../../shared/api/methods/evaluations';
import type { Answer } from '../../../../shared/rubric/answers';
import type { Outcome } from '../../../../shared/rubric/outcome';
import type { RubricItem } from '../../../../shared/rubric/schema';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { sql } from 'kysely';
import type { Query } from '../../db/schema';
import { loadVersion, type VersionContent } from '../rubrics/version-cache';
import { answersOf } from './answers';
import { versionsOf } from './read';
import { shownFigures, storedScoreOf } from './score';

/**
 * The evaluations export as a table, written to CSV or XLSX: one row per evaluation (so rows can be
 * sorted and filtered by agent, reviewer, score), the fixed columns of `csvLeadingColumns`, each
 * section's percent, the overall comment, then for each item its answer and its comment. Items are the
 * union over the versions given, newest first, so the latest order and titles lead and an item a
 * version did not have stays empty.
 *
 * Several rubrics can share a table (the library's export): the built-in rubric in English, German
 * and Finnish is one rubric family with the same item ids, so its items share columns; a different
 * family (the mystery-call checklist has its own 'greeting') gets columns of its own, headed with its
 * name. Coaching notes are not read here at all: private notes never reach an export.
 */

/** A cell as the writers get it: numbers stay numbers and times stay times for Excel. */
export type Cell = string | number | Date | null;
export type ColumnKind = 'text' | 'integer' | 'percent' | 'dateTime';

export interface EvaluationTable {
  fields: string[];
  kinds: ColumnKind[];
  data: Cell[][];
}

/** An evaluation to export, as selectExportRows reads it. */
export interface ExportRow {
  id: number;
  rubric_version_id: number;
  rubric_family: string;
  state: 'draft' | 'submitted';
  overall_comment: string;
  submitted_at: string | null;
  title: string;
  started_at: string | null;
  agent_name: string | null;
  team_name: string | null;
  reviewer_name: string;
  reviewer_role: string;
  score_percent: number | null;
  score_outcome: Outcome | null;
}

/**
 * The evaluations `e` to export with their version `v`, rubric `r`, interaction `i`, agent, team and
 * reviewer, oldest first (by submit, a draft by its last save); add the where clauses.
 */
export function selectExportRows(q: Query) {
  return q
    .selectFrom('evaluations as e')
    .innerJoin('rubric_versions as v', 'v.id', 'e.rubric_version_id')
    .innerJoin('rubrics as r', 'r.id', 'v.rubric_id')
    .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
    .leftJoin('agents as a', 'a.id', 'i.agent_id')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('reviewer_profiles as p', 'p.id', 'e.reviewer_id')
    .select((eb) => [
      'e.id',
      'e.rubric_version_id',
      eb.fn.coalesce('r.builtin', 'r.key').$castTo<string>().as('rubric_family'),
      'e.state',
      'e.overall_comment',
      'e.submitted_at',
      'i.title',
      'i.started_at',
      'a.name as agent_name',
      't.name as team_name',
      'p.name as reviewer_name',
      'p.role as reviewer_role',
      'e.score_percent',
      'e.score_outcome',
    ])
    .orderBy(sql`coalesce(e.submitted_at, e.updated_at)`)
    .orderBy('e.id');
}

const englishColumns: Record<(typeof csvLeadingColumns)[number] | 'overallComment', string> = {
  evaluation: 'Evaluation',
  interaction: 'Interaction',
  startedAt: 'Interaction date',
  agent: 'Agent',
  team: 'Team',
  reviewer: 'Reviewer',
  role: 'Reviewer role',
  rubric: 'Rubric',
  version: 'Rubric version',
  state: 'State',
  submittedAt: 'Submitted',
  outcome: 'Outcome',
  score: 'Score %',
  passMark: 'Pass mark %',
  overallComment: 'Overall comment',
};
const leadingKinds: Record<(typeof csvLeadingColumns)[number], ColumnKind> = {
  evaluation: 'integer',
  interaction: 'text',
  startedAt: 'dateTime',
  agent: 'text',
  team: 'text',
  reviewer: 'text',
  role: 'text',
  rubric: 'text',
  version: 'integer',
  state: 'text',
  submittedAt: 'dateTime',
  outcome: 'text',
  score: 'percent',
  passMark: 'integer',
};
const englishWords = {
  answers: { yes: 'yes', no: 'no', na: 'n.a.' },
  results: {
    pass: 'pass',
    belowTarget: 'below target',
    criticalFail: 'critical fail',
    incomplete: 'incomplete',
  },
  states: { draft: 'draft', submitted: 'submitted' },
  roles: {
    qa_supervisor: 'QA supervisor',
    team_lead: 'team lead',
    mystery_shopper: 'mystery shopper',
  } as Record<string, string>,
};

interface Column<T> {
  id: string;
  family: string;
  entry: T;
  rubricName: string;
}

/** Each id once per rubric family, in the order first met. */
function unionOf<T>(
  families: readonly { family: string; rubricName: string; entries: readonly { id: string; value: T }[] }[],
): Column<T>[] {
  const seen = new Map<string, Column<T>>();
  for (const { family, rubricName, entries } of families) {
    for (const { id, value } of entries) {
      const key = JSON.stringify([family, id]);
      if (!seen.has(key)) seen.set(key, { id, family, entry: value, rubricName });
    }
  }
  return [...seen.values()];
}

/**
 * `rows` are the evaluations in the order they are written; `versionIds` every version whose items
 * get columns, in column order (newest version of the leading rubric first).
 */
export async function evaluationTable(
  q: Query,
  rows: readonly ExportRow[],
  versionIds: readonly number[],
  labels: CsvLabels = {},
): Promise<EvaluationTable> {
  const column = (name: keyof typeof englishColumns) => labels.columns?.[name] ?? englishColumns[name];
  const word = <K extends keyof typeof englishWords>(group: K, value: string): string =>
    (labels[group] as Record<string, string> | undefined)?.[value] ??
    (englishWords[group] as Record<string, string>)[value] ??
    value;

  const familyOf = new Map(rows.map((row) => [row.rubric_version_id, row.rubric_family]));
  const unseen = versionIds.filter((id) => !familyOf.has(id));
  for (const [id, family] of await familiesOf(q, unseen)) familyOf.set(id, family);
  const versions: { version: VersionContent; family: string }[] = [];
  for (const id of versionIds)
    versions.push({ version: await loadVersion(q, id), family: familyOf.get(id)! });
  const perVersion = (pick: (v: VersionContent) => { id: string; value: unknown }[]) =>
    versions.map(({ version, family }) => ({
      family,
      rubricName: version.rubric.name,
      entries: pick(version),
    }));
  const sections = unionOf(
    perVersion((v) => v.rubric.sections.map((s) => ({ id: s.id, value: s.title }))),
  ) as Column<string>[];
  const items = unionOf(
    perVersion((v) =>
      v.rubric.sections.flatMap((s) => s.items.map((item) => ({ id: item.id, value: item }))),
    ),
  ) as Column<RubricItem>[];
  // Headed with the rubric's name only where two rubrics could otherwise give two columns one title.
  const named = new Set(versions.map((v) => v.family)).size > 1;
  const heading = (c: Column<unknown>, title: string) => (named ? `${c.rubricName}: ${title}` : title);

  const commentSuffix = labels.commentSuffix ?? 'comment';
  const fields = [
    ...csvLeadingColumns.map(column),
    ...sections.map((s) => `${heading(s, s.entry)} %`),
    column('overallComment'),
    ...items.flatMap((i) => [heading(i, i.entry.title), `${heading(i, i.entry.title)} – ${commentSuffix}`]),
  ];
  const kinds: ColumnKind[] = [
    ...csvLeadingColumns.map((name) => leadingKinds[name]),
    ...sections.map((): ColumnKind => 'percent'),
    'text',
    ...items.flatMap((): ColumnKind[] => ['text', 'text']),
  ];

  const versionOf = await versionsOf(q, rows);
  const answersOfRow = await answersOf(
    q,
    rows.map((row) => ({ id: row.id, version: versionOf.get(row.rubric_version_id)! })),
  );
  const data = rows.map((row): Cell[] => {
    const version = versionOf.get(row.rubric_version_id)!;
    const answers = answersOfRow.get(row.id) ?? [];
    const figures = shownFigures(scoreEvaluation(version.rubric, answers), storedScoreOf(row));
    const answerFor = new Map(answers.map((a) => [a.itemId, a]));
    const sectionPercent = new Map(figures.sections.map((s) => [s.sectionId, s.percent]));
    const mine = (c: Column<unknown>) => c.family === row.rubric_family;
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
      row.id,
      row.title,
      dateOf(row.started_at),
      row.agent_name ?? '',
      row.team_name ?? '',
      row.reviewer_name,
      word('roles', row.reviewer_role),
      version.rubric.name,
      version.version,
      word('states', row.state),
      dateOf(row.submitted_at),
      word('results', figures.result),
      figures.percent,
      figures.passMark,
      ...sections.map((s) => (mine(s) ? (sectionPercent.get(s.id) ?? null) : null)),
      row.overall_comment,
      ...items.flatMap((i) => {
        if (!mine(i)) return ['', ''];
        const answer = answerFor.get(i.id);
        return [answerText(i.entry, answer), answer?.comment ?? ''];
      }),
    ];
  });
  return { fields, kinds, data };
}

/** The rubric family (built-in name, else key) of versions no exported row was scored on. */
async function familiesOf(q: Query, versionIds: readonly number[]): Promise<Map<number, string>> {
  if (versionIds.length === 0) return new Map();
  const rows = await q
    .selectFrom('rubric_versions as v')
    .innerJoin('rubrics as r', 'r.id', 'v.rubric_id')
    .select((eb) => ['v.id', eb.fn.coalesce('r.builtin', 'r.key').$castTo<string>().as('family')])
    .where('v.id', 'in', versionIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row.family]));
}

/** A stored time as a Date; text that is no time is kept as it is rather than lost. */
function dateOf(iso: string | null): Date | string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date;
}
