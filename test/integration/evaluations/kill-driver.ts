/**
 * A child process for the kill test: opens the backend on a data directory (creating it, the first
 * time, with a profile, a call and an evaluation) and saves draft changes through the dispatch in a
 * loop, printing `ack <revision>` after each save the backend confirmed. The parent SIGKILLs it at
 * random moments and checks that every acknowledged change survived.
 *
 *   node kill-driver.mjs <dataDir> <resourcesDir> [<postgres URL>]
 *
 * With a PostgreSQL URL the backend keeps its data there (the data directory holds the rest).
 */
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type { EvaluationDetail, EvaluationSummary } from '../../../shared/api/methods/evaluations';
import type { ProfileList, ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RubricSummary } from '../../../shared/api/methods/rubrics';
import { changeFor, soakRubric } from './kill-sequence';

async function call<T>(backend: Backend, method: string, params: unknown = {}): Promise<T> {
  const reply = await backend.dispatch(method, params);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

async function main(dataDir: string, resourcesDir: string, databaseUrl?: string): Promise<void> {
  const backend = await createBackend({
    dataDir,
    resourcesDir,
    version: 'soak',
    log: () => {},
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  const profiles = await call<ProfileList>(backend, 'profile.list');
  // The reviewer is the current profile, made on the first run and still current after a kill.
  if (profiles.profiles.length === 0) {
    await call<ReviewerProfile>(backend, 'profile.create', { name: 'Soak Reviewer', role: 'qa_supervisor' });
  }
  const interactionId = await backend.database.transaction(async (trx) => {
    const found = await trx
      .selectFrom('interactions')
      .select('id')
      .where('source', '=', 'soak')
      .executeTakeFirst();
    if (found !== undefined) return found.id;
    const { id } = await trx
      .insertInto('interactions')
      .values({ kind: 'call', title: 'Soak call', source: 'soak' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
  const existing = await call<{ items: EvaluationSummary[] }>(backend, 'evaluation.list', { interactionId });
  let id = existing.items[0]?.id;
  if (id === undefined) {
    const rubric = (await call<RubricSummary[]>(backend, 'rubric.list')).find(
      (r) => r.key === soakRubric.id,
    )!;
    id = (
      await call<EvaluationDetail>(backend, 'evaluation.start', {
        interactionId,
        rubricId: rubric.id,
      })
    ).id;
  }
  let revision = (await call<EvaluationDetail>(backend, 'evaluation.get', { id })).revision;
  process.stdout.write(`ready ${revision}\n`);
  for (;;) {
    const change = changeFor(revision + 1);
    const saved = await call<{ revision: number }>(backend, 'evaluation.saveDraft', {
      id,
      ...change,
    });
    revision = saved.revision;
    // Written synchronously (stdout is a pipe on Linux): once this line is out, the change is on disk.
    process.stdout.write(`ack ${revision}\n`);
  }
}

const [dataDir, resourcesDir, databaseUrl] = process.argv.slice(2);
main(dataDir!, resourcesDir!, databaseUrl).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
