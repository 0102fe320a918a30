import { createBackend, type Backend } from '../../electron/backend/backend';
import { resourcesDir, tempDir } from '../support/paths';

/**
 * A fresh backend for one bench run: its own data folder, on PostgreSQL when a database URL is given.
 * It is closed and its folder removed after `work`, also when `work` throws.
 */
export async function withBenchBackend<T>(
  name: string,
  databaseUrl: string | undefined,
  work: (backend: Backend) => Promise<T>,
): Promise<T> {
  const data = tempDir(`earmark-bench-${name}-`);
  let backend: Backend | undefined;
  try {
    backend = await createBackend({
      dataDir: data.dir,
      resourcesDir,
      version: 'bench',
      log: () => {},
      ...(databaseUrl ? { databaseUrl } : {}),
    });
    return await work(backend);
  } finally {
    await backend?.close();
    data.cleanup();
  }
}
