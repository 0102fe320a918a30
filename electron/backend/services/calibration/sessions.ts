import type { ParsedParams } from '../../../../shared/api';
import type {
  CalibrationAnswer,
  CalibrationInteraction,
  CalibrationSession,
  CalibrationSummary,
} from '../../../../shared/api/methods/calibration';
import type { ReviewerRef } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import { managers, qa } from '../../../../shared/permissions/groups';
import type { AnswerValue } from '../../../../shared/rubric/answers';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { roleOf } from '../../permissions';
import { latestVersionId } from '../rubrics/store';
import { loadVersion } from '../rubrics/version-cache';

/**
 * Calibration sessions and who may see what of them. The row rule: a session is seen by QA managers
 * (and administrators) and by its participants; anyone else is answered as if it did not exist. Before
 * the reveal a participant reads only their own answers (calibration.get returns nothing else, and
 * calibration.results is refused to everyone, the manager too, so nobody can lean on anyone).
 */

export interface Looker {
  id: number;
  manager: boolean;
}

export async function lookerOf(q: Query, actorId: number): Promise<Looker> {
  return { id: actorId, manager: managers.includes(await roleOf(q, actorId)) };
}

const notFound = (id: number, field = 'id') =>
  new EarmarkError('not_found', `${field}: there is no calibration session with id ${id}.`);

interface SessionRow {
  id: number;
  name: string;
  rubric_version_id: number;
  hide_agent: number;
  expert_id: number | null;
  created_by: number;
  created_at: string;
  revealed_at: string | null;
}

const sessionColumns = [
  's.id',
  's.name',
  's.rubric_version_id',
  's.hide_agent',
  's.expert_id',
  's.created_by',
  's.created_at',
  's.revealed_at',
] as const;

/** Refuses, naming it, an interaction that is not one of the session's (a stale screen, a made-up id). */
export async function assertInSession(
  q: Query,
  session: { id: number; name: string },
  interactionId: number,
): Promise<void> {
  const inSession = await q
    .selectFrom('calibration_interactions')
    .select('interaction_id')
    .where('session_id', '=', session.id)
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
  if (!inSession)
    throw new EarmarkError(
      'invalid_params',
      `interactionId: interaction ${interactionId} is not one of "${session.name}"'s interactions.`,
    );
}

/** The session's row, if the looker may see it (else not_found, as for a missing one). */
export async function sessionRow(q: Query, looker: Looker, id: number, field = 'id'): Promise<SessionRow> {
  const row = await q
    .selectFrom('calibration_sessions as s')
    .select(sessionColumns)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(id, field);
  if (!looker.manager) {
    const mine = await q
      .selectFrom('calibration_participants')
      .select('profile_id')
      .where('session_id', '=', id)
      .where('profile_id', '=', looker.id)
      .executeTakeFirst();
    if (!mine) throw notFound(id, field);
  }
  return row;
}

async function profiles(q: Query, ids: readonly number[]): Promise<Map<number, ReviewerRef>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .selectFrom('reviewer_profiles')
    .select(['id', 'name', 'role'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function participantsOf(q: Query, sessionIds: readonly number[]) {
  if (sessionIds.length === 0) return [];
  return q
    .selectFrom('calibration_participants as p')
    .innerJoin('reviewer_profiles as r', 'r.id', 'p.profile_id')
    .select(['p.session_id', 'p.profile_id', 'p.submitted_at', 'r.name', 'r.role'])
    .where('p.session_id', 'in', [...sessionIds])
    .orderBy('r.name')
    .execute();
}

async function summaries(
  q: Query,
  looker: Looker,
  rows: readonly SessionRow[],
): Promise<CalibrationSummary[]> {
  const ids = rows.map((row) => row.id);
  const [participants, counts, versions, people] = await Promise.all([
    participantsOf(q, ids),
    ids.length === 0
      ? []
      : q
          .selectFrom('calibration_interactions')
          .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('session_id', 'in', ids)
          .groupBy('session_id')
          .execute(),
    Promise.all(rows.map((row) => loadVersion(q, row.rubric_version_id))),
    profiles(
      q,
      rows.map((row) => row.created_by),
    ),
  ]);
  return rows.map((row, index) => {
    const own = participants.filter((p) => p.session_id === row.id);
    const version = versions[index]!;
    const me = own.find((p) => p.profile_id === looker.id);
    const revealed = row.revealed_at !== null;
    return {
      id: row.id,
      name: row.name,
      rubric: {
        id: version.rubricId,
        versionId: version.id,
        name: version.rubric.name,
        version: version.version,
      },
      hideAgent: row.hide_agent === 1,
      state: revealed ? 'revealed' : 'open',
      createdBy: people.get(row.created_by)!,
      createdAt: row.created_at,
      revealedAt: row.revealed_at,
      interactionCount: Number(counts.find((c) => c.session_id === row.id)?.n ?? 0),
      participants: own.map((p) => ({
        reviewer: { id: p.profile_id, name: p.name, role: p.role },
        submittedAt: p.submitted_at,
        expert: p.profile_id === row.expert_id,
      })),
      missing: revealed
        ? own
            .filter((p) => p.submitted_at === null)
            .map((p) => ({ id: p.profile_id, name: p.name, role: p.role }))
        : [],
      mine: { participant: me !== undefined, submittedAt: me?.submitted_at ?? null },
    };
  });
}

export async function listSessions(q: Query, actorId: number): Promise<CalibrationSummary[]> {
  const looker = await lookerOf(q, actorId);
  let select = q.selectFrom('calibration_sessions as s').select(sessionColumns);
  if (!looker.manager) {
    select = select.where('s.id', 'in', (eb) =>
      eb.selectFrom('calibration_participants').select('session_id').where('profile_id', '=', looker.id),
    );
  }
  const rows = await select.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(500).execute();
  return summaries(q, looker, rows);
}

export async function interactionsOf(
  q: Query,
  sessionId: number,
  hideAgent: boolean,
): Promise<CalibrationInteraction[]> {
  const rows = await q
    .selectFrom('calibration_interactions as c')
    .innerJoin('interactions as i', 'i.id', 'c.interaction_id')
    .leftJoin('agents as a', 'a.id', 'i.agent_id')
    .select([
      'i.id',
      'c.position',
      'i.title',
      'i.kind',
      'i.started_at',
      'i.duration_ms',
      'a.name as agent_name',
    ])
    .where('c.session_id', '=', sessionId)
    .orderBy('c.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    title: row.title,
    kind: row.kind,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    agentName: hideAgent ? null : row.agent_name,
  }));
}

/** The looker's own answers, per interaction; nobody else's. */
async function ownAnswers(q: Query, sessionId: number, profileId: number) {
  const rows = await q
    .selectFrom('calibration_answers')
    .select(['interaction_id', 'item_id', 'value', 'comment'])
    .where('session_id', '=', sessionId)
    .where('profile_id', '=', profileId)
    .execute();
  const byInteraction = new Map<number, CalibrationAnswer[]>();
  for (const row of rows) {
    const list = byInteraction.get(row.interaction_id) ?? [];
    list.push({
      itemId: row.item_id,
      value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue),
      comment: row.comment,
    });
    byInteraction.set(row.interaction_id, list);
  }
  return [...byInteraction].map(([interactionId, answers]) => ({ interactionId, answers }));
}

export async function getSession(q: Query, actorId: number, id: number): Promise<CalibrationSession> {
  const looker = await lookerOf(q, actorId);
  const row = await sessionRow(q, looker, id);
  const [summary] = await summaries(q, looker, [row]);
  const version = await loadVersion(q, row.rubric_version_id);
  // The manager who set it up knows whose calls they are; a participant scoring blind does not.
  const hideFromLooker = row.hide_agent === 1 && !looker.manager;
  const expert = summary!.participants.find((p) => p.expert)?.reviewer ?? null;
  return {
    ...summary!,
    rubricContent: version.rubric,
    expert,
    interactions: await interactionsOf(q, id, hideFromLooker),
    myAnswers: summary!.mine.participant ? await ownAnswers(q, id, actorId) : [],
  };
}

export async function calibrationOptions(q: Query) {
  const [rubrics, reviewers] = await Promise.all([
    q
      .selectFrom('rubrics as r')
      .select(['r.id', 'r.name'])
      .where('r.kind', '=', 'evaluation')
      .where((eb) =>
        eb.exists(eb.selectFrom('rubric_versions as v').select('v.id').whereRef('v.rubric_id', '=', 'r.id')),
      )
      .orderBy('r.name')
      .execute(),
    q
      .selectFrom('reviewer_profiles')
      .select(['id', 'name', 'role'])
      .where('role', 'in', [...qa])
      .orderBy('name')
      .execute(),
  ]);
  return { rubrics, reviewers };
}

/** A QA manager sets a session up on the rubric's latest version; all rows or none. */
export async function createSession(
  database: Database,
  actorId: number,
  params: ParsedParams<'calibration.create'>,
): Promise<CalibrationSession> {
  const at = nowIso(database);
  const id = await database.transaction(async (trx) => {
    const versionId = await latestVersionId(trx, params.rubricId);
    const version = await loadVersion(trx, versionId);
    if (version.rubric.kind !== 'evaluation')
      throw new EarmarkError(
        'invalid_params',
        `rubricId: '${version.rubric.name}' is a mystery-shop checklist; calibrate with an evaluation rubric.`,
      );
    const found = await trx
      .selectFrom('interactions')
      .select('id')
      .where('id', 'in', params.interactionIds)
      .execute();
    const missing = params.interactionIds.filter((wanted) => !found.some((row) => row.id === wanted));
    if (missing.length > 0)
      throw new EarmarkError(
        'not_found',
        `interactionIds: there is no interaction with id ${missing.join(', ')}.`,
      );
    const people = await trx
      .selectFrom('reviewer_profiles')
      .select(['id', 'name', 'role'])
      .where('id', 'in', params.participantIds)
      .execute();
    for (const wanted of params.participantIds) {
      const person = people.find((p) => p.id === wanted);
      if (!person)
        throw new EarmarkError('not_found', `participantIds: there is no reviewer with id ${wanted}.`);
      if (!qa.includes(person.role))
        throw new EarmarkError(
          'invalid_params',
          `participantIds: ${person.name} (${person.role.replace('_', ' ')}) does not score calls; calibrate QA supervisors, QA managers or administrators.`,
        );
    }
    const { id: created } = await trx
      .insertInto('calibration_sessions')
      .values({
        name: params.name,
        rubric_version_id: versionId,
        hide_agent: params.hideAgent ? 1 : 0,
        expert_id: params.expertId,
        created_by: actorId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('calibration_interactions')
      .values(
        params.interactionIds.map((interactionId, position) => ({
          session_id: created,
          interaction_id: interactionId,
          position,
        })),
      )
      .execute();
    await trx
      .insertInto('calibration_participants')
      .values(params.participantIds.map((profileId) => ({ session_id: created, profile_id: profileId })))
      .execute();
    return created;
  });
  return getSession(database.query, actorId, id);
}
