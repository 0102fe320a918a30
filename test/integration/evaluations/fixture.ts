import { expect } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { Db } from '../../../electron/backend/db/open';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { blankItem, type DraftItem, type RubricDraft } from '../../../shared/api/methods/rubric-draft';
import { asProfile, call, callAs } from '../../support/backend';

/** A call to evaluate, written straight into the database (the demo loader would copy audio). */
export function seedInteraction(db: Db, title: string, agent = 'Anna Berg', team = 'Customer Care'): number {
  return db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO teams (name) VALUES (?)').run(team);
    const teamId = db.prepare('SELECT id FROM teams WHERE name = ?').pluck().get(team) as number;
    db.prepare('INSERT OR IGNORE INTO agents (name, team_id) VALUES (?, ?)').run(agent, teamId);
    const agentId = db
      .prepare('SELECT id FROM agents WHERE name = ? AND team_id = ?')
      .pluck()
      .get(agent, teamId) as number;
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO interactions (kind, title, source, agent_id, started_at) VALUES ('call', ?, 'test', ?, '2026-11-02T09:14:00Z')`,
      )
      .run(title, agentId);
    return Number(lastInsertRowid);
  })();
}

/** A call to evaluate, written through the query layer: on either engine. */
export async function seedCall(
  backend: Backend,
  title: string,
  agent = 'Anna Berg',
  team = 'Customer Care',
): Promise<number> {
  return backend.database.transaction(async (trx) => {
    const teamId =
      (await trx.selectFrom('teams').select('id').where('name', '=', team).executeTakeFirst())?.id ??
      (await trx.insertInto('teams').values({ name: team }).returning('id').executeTakeFirstOrThrow()).id;
    const agentId =
      (
        await trx
          .selectFrom('agents')
          .select('id')
          .where('name', '=', agent)
          .where('team_id', '=', teamId)
          .executeTakeFirst()
      )?.id ??
      (
        await trx
          .insertInto('agents')
          .values({ name: agent, team_id: teamId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const { id } = await trx
      .insertInto('interactions')
      .values({ kind: 'call', title, source: 'test', agent_id: agentId, started_at: '2026-11-02T09:14:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
}

export const createProfile = (backend: Backend, name: string, role = 'qa_supervisor') =>
  call<ReviewerProfile>(backend, 'profile.create', { name, role });

/** Calls a method that must fail and returns its error. */
export async function refused(backend: Backend, method: string, params: unknown) {
  const reply = await backend.dispatch(method, params);
  expect(reply.ok, `${method} accepted ${JSON.stringify(params).slice(0, 200)}`).toBe(false);
  return reply.ok ? { code: '', message: '' } : reply.error;
}

/** Calls a method that must fail as `profileId` (see asProfile), and returns its error. */
export const refusedAs = (backend: Backend, profileId: number, method: string, params: unknown) =>
  asProfile(backend, profileId, () => refused(backend, method, params));

export function draftItem(id: string, title: string, extra: Partial<DraftItem> = {}): DraftItem {
  return { ...blankItem(id), title, ...extra };
}

/** A small rubric: Courtesy (greeting; polite tone, critical) and Competence (knowledge, scale 0-2). */
export function smallDraft(name = 'Billing calls'): RubricDraft {
  return {
    kind: 'evaluation',
    name,
    language: 'en',
    description: '',
    passMark: 80,
    sections: [
      {
        id: 'courtesy',
        title: 'Courtesy',
        weight: 1,
        items: [
          draftItem('greeting', 'Greeting'),
          draftItem('polite', 'Polite tone', { critical: true, commentRequiredOnFail: true }),
        ],
      },
      {
        id: 'competence',
        title: 'Competence',
        weight: 1,
        items: [draftItem('knowledge', 'Product knowledge', { type: 'scale', max: 2 })],
      },
    ],
  };
}

/** The small rubric, created and published by `reviewerId`: version 1, ready to evaluate with. */
export async function publishSmallRubric(backend: Backend, reviewerId: number): Promise<RubricDetail> {
  const rubric = await callAs<RubricDetail>(backend, reviewerId, 'rubric.create', {
    name: 'Billing',
    language: 'en',
  });
  return callAs<RubricDetail>(backend, reviewerId, 'rubric.publish', { id: rubric.id, draft: smallDraft() });
}
