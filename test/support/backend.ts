import { createBackend, type Backend } from '../../electron/backend/backend';
import { resourcesDir, tempDir } from './paths';

/** A real backend on a fresh temp data directory. */
export async function testBackend(): Promise<{ backend: Backend; dataDir: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir();
  const backend = await createBackend({ dataDir: dir, resourcesDir, version: '0.0.0-test', log: () => {} });
  return {
    backend,
    dataDir: dir,
    cleanup: () => {
      void backend.close();
      cleanup();
    },
  };
}

/** Calls a method and returns its value, failing the test with the backend's message otherwise. */
export async function call<T = unknown>(backend: Backend, method: string, params: unknown = {}): Promise<T> {
  const reply = await backend.dispatch(method, params);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}
