import { createBackend, type Backend, type BackendOptions } from '../../electron/backend/backend';
import { currentProfileId, writeCurrentProfile } from '../../electron/backend/services/profiles/profiles';
import { resourcesDir, tempDir } from './paths';

/**
 * A real backend on a fresh temp data directory (with a TestClock in `options.clock` where time
 * matters), or on `options.dataDir`, which is then the caller's to remove.
 */
export async function testBackend(
  options: Partial<BackendOptions> = {},
): Promise<{ backend: Backend; dataDir: string; cleanup: () => void }> {
  const own = options.dataDir === undefined ? tempDir() : null;
  const dataDir = options.dataDir ?? own!.dir;
  const backend = await createBackend({
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
    ...options,
    dataDir,
  });
  return {
    backend,
    dataDir,
    cleanup: () => {
      void backend.close();
      own?.cleanup();
    },
  };
}

/** Calls a method and returns its value, failing the test with the backend's message otherwise. */
export async function call<T = unknown>(backend: Backend, method: string, params: unknown = {}): Promise<T> {
  const reply = await backend.dispatch(method, params);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

/**
 * Runs `work` as if `profileId` were the current profile (someone else at the workstation for a moment),
 * then puts the current profile back, leaving what is unlocked as it was. A passphrase profile acts only
 * while unlocked, as always; no payload names who acts.
 */
export async function asProfile<T>(backend: Backend, profileId: number, work: () => Promise<T>): Promise<T> {
  const current = await currentProfileId(backend.database.query);
  await writeCurrentProfile(backend.database.query, profileId);
  try {
    return await work();
  } finally {
    await writeCurrentProfile(backend.database.query, current ?? 0); // 0: no profile chosen, as before
  }
}

/** Calls a method as `profileId` (see asProfile) and returns its value. */
export const callAs = <T = unknown>(
  backend: Backend,
  profileId: number,
  method: string,
  params: unknown = {},
) => asProfile(backend, profileId, () => call<T>(backend, method, params));
