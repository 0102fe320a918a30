import { cpSync } from 'node:fs';
import { inject } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../electron/backend/backend';
import { freshPostgresUrl, testEngine } from './engines';
import { resourcesDir, tempDir } from './paths';
import { createDatabase } from './postgres';

export interface DataFolderSnapshot<T> {
  /** What `build` returned (ids and the like): the same in every copy. */
  readonly built: T;
  /** A backend on a fresh copy of the built data folder and database: each test changes only its own copy. */
  open(
    options?: Partial<BackendOptions>,
  ): Promise<{ backend: Backend; dataDir: string; cleanup: () => Promise<void> }>;
  /** Removes the built folder (files it imported in place stay where they are). */
  discard(): void;
}

async function backendOn(dataDir: string, databaseUrl: string | undefined, options: Partial<BackendOptions>) {
  return createBackend({
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
    ...options,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
}

/**
 * Builds a data folder (and, on PostgreSQL, a database) once on the engine under test and hands each
 * test its own copy, so tests that must not share state do not pay for an import or the demo each.
 * Recordings the build copied into the folder keep their stored paths, which point into the built
 * folder: keep it until the copies are closed (discard in afterAll).
 */
export async function snapshotOf<T>(
  build: (backend: Backend) => Promise<T>,
  options: Partial<BackendOptions> = {},
): Promise<DataFolderSnapshot<T>> {
  const source = tempDir();
  const sourceUrl = testEngine() === 'postgres' ? await freshPostgresUrl() : undefined;
  const backend = await backendOn(source.dir, sourceUrl, options);
  const built = await build(backend);
  await backend.close();
  return {
    built,
    open: async (more = {}) => {
      const copy = tempDir('earmark-copy-');
      cpSync(source.dir, copy.dir, { recursive: true });
      // PostgreSQL copies a database nobody uses in one statement (CREATE DATABASE … TEMPLATE).
      const databaseUrl = sourceUrl
        ? await createDatabase(inject('postgresAdminUrl'), 'earmark_test', sourceUrl)
        : undefined;
      const opened = await backendOn(copy.dir, databaseUrl, { ...options, ...more });
      return {
        backend: opened,
        dataDir: copy.dir,
        cleanup: async () => {
          await opened.close();
          copy.cleanup();
        },
      };
    },
    discard: () => source.cleanup(),
  };
}
