import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { sql } from 'kysely';
import type { Query } from '../db/schema';
import { insertMany, insertReturningId, mapped, mappedOrNull, same, withoutId, type IdMap } from './rows';

/**
 * The workstation's history, table by table, into the team database. Each thing is found again by what
 * it is (its natural key) before it is written, so a second run finds everything and adds nothing:
 *
 * - teams by name, agents by name and team, tags by built-in or name, rubrics by key and their versions
 *   by content hash;
 * - calls and chats by content hash (else source and external id, else kind, title, source, start and
 *   agent), copied with their recordings, peaks and transcripts only when new;
 * - moments by call, position and creation time; evaluations by call, rubric version, reviewer and
 *   creation time (with answers, linked moments, audit and answers of the agent); coaching sessions by
 *   agent, coach, day and creation time (with focus items, linked evaluations, moments and mystery
 *   shops, actions); the rest (reels, mystery shops, queue plans, playback positions): copy-programme.ts.
 *
 * What was changed on the workstation after a first run is not carried over again: a second run adds
 * what is new, it does not merge edits.
 */

export interface Added {
  teams: number;
  agents: number;
  tags: number;
  interactions: number;
  recordings: number;
  moments: number;
  rubrics: number;
  rubricVersions: number;
  evaluations: number;
  coachingSessions: number;
  notes: number;
  privateNotes: number;
  reels: number;
  mysteryScenarios: number;
  mysteryShops: number;
  queuePlans: number;
  queueDraws: number;
  playbackPositions: number;
}

export const nothingAdded = (): Added => ({
  teams: 0,
  agents: 0,
  tags: 0,
  interactions: 0,
  recordings: 0,
  moments: 0,
  rubrics: 0,
  rubricVersions: 0,
  evaluations: 0,
  coachingSessions: 0,
  notes: 0,
  privateNotes: 0,
  reels: 0,
  mysteryScenarios: 0,
  mysteryShops: 0,
  queuePlans: 0,
  queueDraws: 0,
  playbackPositions: 0,
});

export interface CopyContext {
  /** The workstation's SQLite. */
  readonly src: Query;
  /** The team's PostgreSQL, inside the import's one transaction. */
  readonly dst: Query;
  /** Workstation profile → team profile (import-workstation.ts). */
  readonly profiles: IdMap;
  readonly added: Added;
  /** Where recordings are copied to for the team server, or null to keep their paths. */
  readonly copyRecordingsTo: string | null;
}

/**
 * A workstation row's place in the team database: the row `found` by its natural key, else the row
 * `insert` writes, counted under `added`. Only a new row gets what hangs under it (segments, answers,
 * audit…), so a caller copies that only when `isNew`.
 */
export async function foundOrInserted(
  c: CopyContext,
  added: keyof Added,
  found: { id: number } | undefined,
  insert: () => Promise<number>,
): Promise<{ id: number; isNew: boolean }> {
  if (found) return { id: found.id, isNew: false };
  const id = await insert();
  c.added[added]++;
  return { id, isNew: true };
}

export async function copyTeamsAndAgents(c: CopyContext): Promise<{ teams: IdMap; agents: IdMap }> {
  const teams: IdMap = new Map();
  for (const team of await c.src.selectFrom('teams').selectAll().orderBy('id').execute()) {
    const found = await c.dst
      .selectFrom('teams')
      .select('id')
      .where(sql`lower(name)`, '=', team.name.toLowerCase())
      .executeTakeFirst();
    const added = await foundOrInserted(c, 'teams', found, () =>
      insertReturningId(c.dst, 'teams', withoutId(team)),
    );
    teams.set(team.id, added.id);
  }
  const agents: IdMap = new Map();
  for (const agent of await c.src.selectFrom('agents').selectAll().orderBy('id').execute()) {
    const teamId = mappedOrNull(teams, agent.team_id, 'team');
    const found = await c.dst
      .selectFrom('agents')
      .select('id')
      .where(sql`lower(name)`, '=', agent.name.toLowerCase())
      .where(same('team_id', teamId))
      .executeTakeFirst();
    const added = await foundOrInserted(c, 'agents', found, () =>
      insertReturningId(c.dst, 'agents', { ...withoutId(agent), team_id: teamId }),
    );
    agents.set(agent.id, added.id);
  }
  return { teams, agents };
}

export async function copyTags(c: CopyContext): Promise<IdMap> {
  const tags: IdMap = new Map();
  for (const tag of await c.src.selectFrom('tags').selectAll().orderBy('id').execute()) {
    const found = await c.dst
      .selectFrom('tags')
      .select('id')
      .where((eb) =>
        tag.builtin !== null
          ? eb('builtin', '=', tag.builtin)
          : eb.and([eb('builtin', 'is', null), eb(sql`lower(name)`, '=', tag.name.toLowerCase())]),
      )
      .executeTakeFirst();
    const added = await foundOrInserted(c, 'tags', found, () =>
      insertReturningId(c.dst, 'tags', withoutId(tag)),
    );
    tags.set(tag.id, added.id);
  }
  return tags;
}

/** Calls and chats, each new one with its recordings, peaks and transcript. */
export async function copyInteractions(c: CopyContext, agents: IdMap): Promise<IdMap> {
  const interactions: IdMap = new Map();
  for (const interaction of await c.src.selectFrom('interactions').selectAll().orderBy('id').execute()) {
    const agentId = mappedOrNull(agents, interaction.agent_id, 'agent');
    let find = c.dst.selectFrom('interactions').select('id');
    if (interaction.content_hash !== null) find = find.where('content_hash', '=', interaction.content_hash);
    else if (interaction.external_id !== null)
      find = find.where('source', '=', interaction.source).where('external_id', '=', interaction.external_id);
    else
      find = find
        .where('kind', '=', interaction.kind)
        .where('title', '=', interaction.title)
        .where('source', '=', interaction.source)
        .where(same('started_at', interaction.started_at))
        .where(same('agent_id', agentId));
    const { id, isNew } = await foundOrInserted(c, 'interactions', await find.executeTakeFirst(), () =>
      insertReturningId(c.dst, 'interactions', { ...withoutId(interaction), agent_id: agentId }),
    );
    interactions.set(interaction.id, id);
    if (!isNew) continue;
    await copyRecordings(c, interaction.id, id);
    const segments = await c.src
      .selectFrom('segments')
      .selectAll()
      .where('interaction_id', '=', interaction.id)
      .orderBy('seq')
      .execute();
    await insertMany(
      c.dst,
      'segments',
      segments.map((segment) => ({ ...withoutId(segment), interaction_id: id })),
    );
  }
  return interactions;
}

async function copyRecordings(c: CopyContext, fromInteraction: number, toInteraction: number): Promise<void> {
  const recordings = await c.src
    .selectFrom('recordings')
    .selectAll()
    .where('interaction_id', '=', fromInteraction)
    .orderBy('id')
    .execute();
  for (const recording of recordings) {
    const path = c.copyRecordingsTo
      ? copiedFile(recording.path, recording.sha256, c.copyRecordingsTo)
      : recording.path;
    const id = await insertReturningId(c.dst, 'recordings', {
      ...withoutId(recording),
      interaction_id: toInteraction,
      path,
    });
    c.added.recordings++;
    const peaks = await c.src
      .selectFrom('peaks')
      .selectAll()
      .where('recording_id', '=', recording.id)
      .execute();
    await insertMany(
      c.dst,
      'peaks',
      peaks.map((peak) => ({ ...peak, recording_id: id })),
    );
  }
}

/**
 * The recording's playable file, copied into the team server's folder under its content hash (the same
 * file twice is one copy; a copy already there of the same size is kept).
 */
function copiedFile(path: string, sha256: string, folder: string): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const target = join(folder, `${sha256}${extname(path).toLowerCase()}`);
  if (!existsSync(path)) {
    throw new Error(`The recording ${path} is not there to copy; the workstation's files must be reachable.`);
  }
  if (!existsSync(target) || statSync(target).size !== statSync(path).size) copyFileSync(path, target);
  return target;
}

export async function copyMoments(c: CopyContext, interactions: IdMap, tags: IdMap): Promise<IdMap> {
  const moments: IdMap = new Map();
  for (const moment of await c.src.selectFrom('moments').selectAll().orderBy('id').execute()) {
    const interactionId = mapped(interactions, moment.interaction_id, 'call');
    const found = await c.dst
      .selectFrom('moments')
      .select('id')
      .where('interaction_id', '=', interactionId)
      .where(same('start_ms', moment.start_ms))
      .where(same('end_ms', moment.end_ms))
      .where(same('turn_seq', moment.turn_seq))
      .where('created_at', '=', moment.created_at)
      .executeTakeFirst();
    const { id, isNew } = await foundOrInserted(c, 'moments', found, () =>
      insertReturningId(c.dst, 'moments', {
        ...withoutId(moment),
        interaction_id: interactionId,
        author_id: mappedOrNull(c.profiles, moment.author_id, 'profile'),
      }),
    );
    moments.set(moment.id, id);
    if (!isNew) continue;
    const tagged = await c.src
      .selectFrom('moment_tags')
      .select('tag_id')
      .where('moment_id', '=', moment.id)
      .execute();
    await insertMany(
      c.dst,
      'moment_tags',
      tagged.map((row) => ({ moment_id: id, tag_id: mapped(tags, row.tag_id, 'tag') })),
    );
  }
  return moments;
}

/** Rubrics by key, their versions by content: returns workstation version id → team version id. */
export async function copyRubrics(c: CopyContext): Promise<IdMap> {
  const versions: IdMap = new Map();
  for (const rubric of await c.src.selectFrom('rubrics').selectAll().orderBy('id').execute()) {
    const found = await c.dst
      .selectFrom('rubrics')
      .select('id')
      .where('key', '=', rubric.key)
      .executeTakeFirst();
    const { id: rubricId } = await foundOrInserted(c, 'rubrics', found, () =>
      insertReturningId(c.dst, 'rubrics', {
        ...withoutId(rubric),
        created_by: mappedOrNull(c.profiles, rubric.created_by, 'profile'),
        draft_changed_by: mappedOrNull(c.profiles, rubric.draft_changed_by, 'profile'),
      }),
    );
    const own = await c.src
      .selectFrom('rubric_versions')
      .selectAll()
      .where('rubric_id', '=', rubric.id)
      .orderBy('version')
      .execute();
    for (const version of own) {
      const same = await c.dst
        .selectFrom('rubric_versions')
        .select('id')
        .where('rubric_id', '=', rubricId)
        .where('sha256', '=', version.sha256)
        .executeTakeFirst();
      const added = await foundOrInserted(c, 'rubricVersions', same, async () => {
        const last = await c.dst
          .selectFrom('rubric_versions')
          .select(sql<number>`coalesce(max(version), 0)`.as('version'))
          .where('rubric_id', '=', rubricId)
          .executeTakeFirstOrThrow();
        return insertReturningId(c.dst, 'rubric_versions', {
          ...withoutId(version),
          rubric_id: rubricId,
          version: Number(last.version) + 1,
          published_by: mappedOrNull(c.profiles, version.published_by, 'profile'),
        });
      });
      versions.set(version.id, added.id);
    }
  }
  return versions;
}

export async function copyEvaluations(
  c: CopyContext,
  interactions: IdMap,
  versions: IdMap,
  moments: IdMap,
): Promise<IdMap> {
  const evaluations: IdMap = new Map();
  for (const evaluation of await c.src.selectFrom('evaluations').selectAll().orderBy('id').execute()) {
    const interactionId = mapped(interactions, evaluation.interaction_id, 'call');
    const versionId = mapped(versions, evaluation.rubric_version_id, 'rubric version');
    const reviewerId = mapped(c.profiles, evaluation.reviewer_id, 'profile');
    const found = await c.dst
      .selectFrom('evaluations')
      .select('id')
      .where('interaction_id', '=', interactionId)
      .where('rubric_version_id', '=', versionId)
      .where('reviewer_id', '=', reviewerId)
      .where('created_at', '=', evaluation.created_at)
      .executeTakeFirst();
    // Written as a draft first: a submitted evaluation's answers are locked (a trigger), so it is
    // submitted again, with its own time and score, once its answers are in.
    const { id, isNew } = await foundOrInserted(c, 'evaluations', found, () =>
      insertReturningId(c.dst, 'evaluations', {
        ...withoutId(evaluation),
        interaction_id: interactionId,
        rubric_version_id: versionId,
        reviewer_id: reviewerId,
        updated_by: mappedOrNull(c.profiles, evaluation.updated_by, 'profile'),
        state: 'draft',
        submitted_at: null,
        score_percent: null,
        score_outcome: null,
      }),
    );
    evaluations.set(evaluation.id, id);
    if (!isNew) continue;
    const of = (
      table: 'evaluation_answers' | 'evaluation_answer_moments' | 'evaluation_audit' | 'evaluation_responses',
    ) => c.src.selectFrom(table).selectAll().where('evaluation_id', '=', evaluation.id).execute();
    await insertMany(
      c.dst,
      'evaluation_answers',
      (await of('evaluation_answers')).map((row) => ({ ...row, evaluation_id: id })),
    );
    await insertMany(
      c.dst,
      'evaluation_answer_moments',
      (await of('evaluation_answer_moments')).map((row) => ({
        ...row,
        evaluation_id: id,
        moment_id: mapped(moments, row.moment_id as number, 'moment'),
      })),
    );
    if (evaluation.state === 'submitted') {
      await c.dst
        .updateTable('evaluations')
        .set({
          state: 'submitted',
          submitted_at: evaluation.submitted_at,
          score_percent: evaluation.score_percent,
          score_outcome: evaluation.score_outcome,
        })
        .where('id', '=', id)
        .execute();
    }
    const audit = (await of('evaluation_audit')) as { id: number; reviewer_id: number }[];
    audit.sort((x, y) => x.id - y.id);
    await insertMany(
      c.dst,
      'evaluation_audit',
      audit.map((row) => ({
        ...withoutId(row),
        evaluation_id: id,
        reviewer_id: mapped(c.profiles, row.reviewer_id, 'profile'),
      })),
    );
    // An answer names the submission it answered: the same audit row, under its id here (same order).
    const copiedAudit = await c.dst
      .selectFrom('evaluation_audit')
      .select('id')
      .where('evaluation_id', '=', id)
      .orderBy('id')
      .execute();
    const auditIds: IdMap = new Map(audit.map((row, index) => [row.id, copiedAudit[index]!.id]));
    await insertMany(
      c.dst,
      'evaluation_responses',
      (await of('evaluation_responses')).map((row) => ({
        ...withoutId(row as { id: number; profile_id: number; submission_id: number }),
        evaluation_id: id,
        submission_id: mapped(auditIds, (row as { submission_id: number }).submission_id, 'submission'),
        profile_id: mapped(c.profiles, (row as { profile_id: number }).profile_id, 'profile'),
      })),
    );
  }
  return evaluations;
}

/** Coaching sessions with their focus, linked evaluations, moments and mystery shops, and actions (notes: notes.ts). */
export async function copyCoachingSessions(
  c: CopyContext,
  agents: IdMap,
  evaluations: IdMap,
  moments: IdMap,
  shops: IdMap,
): Promise<IdMap> {
  const sessions: IdMap = new Map();
  for (const session of await c.src.selectFrom('coaching_sessions').selectAll().orderBy('id').execute()) {
    const agentId = mapped(agents, session.agent_id, 'agent');
    const coachId = mapped(c.profiles, session.coach_id, 'profile');
    const found = await c.dst
      .selectFrom('coaching_sessions')
      .select('id')
      .where('agent_id', '=', agentId)
      .where('coach_id', '=', coachId)
      .where('held_on', '=', session.held_on)
      .where('created_at', '=', session.created_at)
      .executeTakeFirst();
    const { id, isNew } = await foundOrInserted(c, 'coachingSessions', found, () =>
      insertReturningId(c.dst, 'coaching_sessions', {
        ...withoutId(session),
        agent_id: agentId,
        coach_id: coachId,
        updated_by: mappedOrNull(c.profiles, session.updated_by, 'profile'),
      }),
    );
    sessions.set(session.id, id);
    if (!isNew) continue;
    const rowsOf = (
      table:
        | 'coaching_focus_items'
        | 'coaching_evaluations'
        | 'coaching_moments'
        | 'coaching_mystery_shops'
        | 'coaching_actions',
    ) =>
      sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE session_id = ${session.id}`
        .execute(c.src)
        .then((result) => result.rows);
    const linked = (row: Record<string, unknown>, column: string) => row[column] as number;
    await insertMany(
      c.dst,
      'coaching_focus_items',
      (await rowsOf('coaching_focus_items')).map((row) => ({ ...row, session_id: id })),
    );
    await insertMany(
      c.dst,
      'coaching_evaluations',
      (await rowsOf('coaching_evaluations')).map((row) => ({
        ...row,
        session_id: id,
        evaluation_id: mapped(evaluations, linked(row, 'evaluation_id'), 'evaluation'),
      })),
    );
    await insertMany(
      c.dst,
      'coaching_moments',
      (await rowsOf('coaching_moments')).map((row) => ({
        ...row,
        session_id: id,
        moment_id: mapped(moments, linked(row, 'moment_id'), 'moment'),
      })),
    );
    await insertMany(
      c.dst,
      'coaching_mystery_shops',
      (await rowsOf('coaching_mystery_shops')).map((row) => ({
        ...row,
        session_id: id,
        shop_row_id: mapped(shops, linked(row, 'shop_row_id'), 'mystery shop'),
      })),
    );
    await insertMany(
      c.dst,
      'coaching_actions',
      (await rowsOf('coaching_actions')).map((row) => ({ ...withoutId(row), session_id: id })),
    );
  }
  return sessions;
}
