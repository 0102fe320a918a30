import { cpSync } from 'node:fs';
import type { Backend, BackendOptions } from '../../electron/backend/backend';
import { testBackend } from './backend';
import { tempDir } from './paths';

export interface DataFolderSnapshot<T> {
  /** What `build` returned (ids and the like): the same in every copy. */
  readonly built: T;
  /** A backend on a fresh copy of the built data folder: each test changes only its own copy. */
  open(
    options?: Partial<BackendOptions>,
  ): Promise<{ backend: Backend; dataDir: string; cleanup: () => void }>;
  /** Removes the built folder (files it imported in place stay where they are). */
  discard(): void;
}

/**
 * Builds a data folder once and hands each test its own copy, so tests that must not share state do not
 * pay for an import or the demo each. Recordings the build copied into the folder keep their stored
 * paths, which point into the built folder: keep it until the copies are closed (discard in afterAll).
 */
export async function snapshotOf<T>(
  build: (backend: Backend) => Promise<T>,
  options: Partial<BackendOptions> = {},
): Promise<DataFolderSnapshot<T>> {
  const source = await testBackend(options);
  const built = await build(source.backend);
  await source.backend.close();
  return {
    built,
    open: async (more = {}) => {
      const copy = tempDir('earmark-copy-');
      cpSync(source.dataDir, copy.dir, { recursive: true });
      const opened = await testBackend({ ...options, ...more, dataDir: copy.dir });
      return {
        ...opened,
        cleanup: () => {
          opened.cleanup();
          copy.cleanup();
        },
      };
    },
    discard: () => source.cleanup(),
  };
}
