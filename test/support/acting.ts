import type { Backend } from '../../electron/backend/backend';
import { clockOf } from '../../electron/backend/clock';
import type { BackendContext } from '../../electron/backend/context';
import { createDispatch, type Dispatch, type Handlers } from '../../electron/backend/dispatch';
import { evaluationHandlers } from '../../electron/backend/services/evaluations/handlers';
import { rubricHandlers } from '../../electron/backend/services/rubrics/handlers';
import type { ReviewerProfile, ReviewerRole } from '../../shared/api/methods/profiles';

/**
 * Acting as a reviewer where the current profile is not on the query layer yet (PostgreSQL, until the
 * profiles area moves): the rubric and evaluation handlers behind a dispatch whose actor is
 * `profileId`. The contract's validation, the handlers and the result check are the real ones; only who
 * acts is given instead of read from the workstation's current profile.
 */
export function actingDispatch(backend: Backend, profileId: number): Dispatch {
  const ctx = {
    db: backend.db,
    database: backend.database,
    clock: clockOf(backend.database),
  } as BackendContext;
  const handlers = { ...rubricHandlers(ctx), ...evaluationHandlers(ctx) } as Handlers;
  return createDispatch(handlers, { actors: { acting: () => ({ actorId: profileId }) } });
}

/** A reviewer profile written straight into its table through the query layer, on either engine. */
export async function insertProfile(
  backend: Backend,
  name: string,
  role: ReviewerRole = 'qa_supervisor',
): Promise<ReviewerProfile> {
  const row = await backend.database.query
    .insertInto('reviewer_profiles')
    .values({ name, role, created_at: clockOf(backend.database).now().toISOString() })
    .returning(['id', 'name', 'role', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, hasPassphrase: false };
}
