import { describe, inject } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../electron/backend/backend';
import type { Database, Engine } from '../../electron/backend/db/database';
import { openDatabase, type Db } from '../../electron/backend/db/open';
import { openPostgres } from '../../electron/backend/db/postgres/database';
import { sqliteDatabase } from '../../electron/backend/db/sqlite/database';
import { resourcesDir, tempDir } from './paths';
import { createDatabase } from './postgres';

/**
 * Which engine this run tests: the `integration` project runs every file on SQLite; the
 * `integration-pg` project (vitest.config.ts, ENGINE_READY) runs the files that are ready on a throwaway
 * PostgreSQL too. A file is ready when everything it calls is on the query layer.
 */
export function testEngine(): Engine {
  return inject('postgresAdminUrl') ? 'postgres' : 'sqlite';
}

/** describe() with the engine in its title, so a failure says which engine it failed on. */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  const engine = testEngine();
  describe(`${title} [${engine}]`, () => body(engine));
}

/** A fresh, empty PostgreSQL database on the run's cluster (one per call). */
export async function freshPostgresUrl(): Promise<string> {
  const admin = inject('postgresAdminUrl');
  if (!admin) throw new Error('No PostgreSQL in this run: use it from the integration-pg project only.');
  return createDatabase(admin);
}

/**
 * A real backend on a fresh temp data folder, and a fresh database of the engine under test; `options`
 * adds to the backend's (a TestClock, say).
 */
export async function engineBackend(options: Partial<BackendOptions> = {}): Promise<{
  backend: Backend;
  dataDir: string;
  cleanup: () => Promise<void>;
}> {
  const { dir, cleanup } = tempDir();
  const databaseUrl = testEngine() === 'postgres' ? await freshPostgresUrl() : undefined;
  const backend = await createBackend({
    dataDir: dir,
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
    ...options,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  return {
    backend,
    dataDir: dir,
    cleanup: async () => {
      await backend.close();
      cleanup();
    },
  };
}

/** The query layer alone on a fresh database of the engine under test; `db` is SQLite's raw connection. */
export async function engineDatabase(): Promise<{
  database: Database;
  db: Db | null;
  cleanup: () => Promise<void>;
}> {
  if (testEngine() === 'postgres') {
    const database = await openPostgres(await freshPostgresUrl());
    return { database, db: null, cleanup: () => database.close() };
  }
  const { dir, cleanup } = tempDir();
  const db = await openDatabase(dir);
  const database = sqliteDatabase(db);
  return {
    database,
    db,
    cleanup: async () => {
      await database.close();
      db.close();
      cleanup();
    },
  };
}
