import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/backend';
import type { ProfileList, ReviewerProfile } from '../../../shared/api/methods/profiles';
import { call } from '../../support/backend';
import { TestClock } from '../../support/clock';
import { freshPostgresUrl, testEngine } from '../../support/engines';
import { resourcesDir, tempDir } from '../../support/paths';

export const ANNA_PASSPHRASE = 'correct horse battery staple';
export const BOB_PASSPHRASE = 'tr0ub4dor & three';

/**
 * A workstation whose clock the test moves, whose log and events it reads; on the engine under test
 * (a fresh PostgreSQL database in the integration-pg project, kept across restarts).
 */
export interface Workstation {
  backend: Backend;
  dataDir: string;
  logs: string[];
  changes: unknown[];
  /** Moves the backend's clock on. */
  advance(ms: number): void;
  /** Closes and opens the backend on the same data folder (a restart of the app). */
  restart(extra?: Partial<BackendOptions>): Promise<Backend>;
  close(): Promise<void>;
}

export async function workstation(extra: Partial<BackendOptions> = {}): Promise<Workstation> {
  const data = tempDir('earmark-privacy-');
  const databaseUrl = testEngine() === 'postgres' ? await freshPostgresUrl() : undefined;
  const clock = new TestClock('2026-11-02T09:00:00Z');
  const logs: string[] = [];
  const changes: unknown[] = [];
  const open = async (more: Partial<BackendOptions>) => {
    const backend = await createBackend({
      dataDir: data.dir,
      resourcesDir,
      version: '0.0.0-test',
      log: (line) => logs.push(line),
      clock,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...extra,
      ...more,
    });
    backend.events.subscribe((event, payload) => {
      if (event === 'profile.changed') changes.push(payload);
    });
    return backend;
  };
  const station: Workstation = {
    backend: await open({}),
    dataDir: data.dir,
    logs,
    changes,
    advance: (ms) => clock.advance(ms),
    restart: async (more = {}) => {
      await station.backend.close();
      station.backend = await open(more);
      return station.backend;
    },
    close: async () => {
      await station.backend.close();
      data.cleanup();
    },
  };
  return station;
}

export const list = (backend: Backend) => call<ProfileList>(backend, 'profile.list');

export const create = (backend: Backend, name: string, role = 'team_lead') =>
  call<ReviewerProfile>(backend, 'profile.create', { name, role });

export const select = (backend: Backend, id: number, passphrase?: string) =>
  call<ProfileList>(backend, 'profile.select', passphrase === undefined ? { id } : { id, passphrase });

export const setPassphrase = (
  backend: Backend,
  id: number,
  newPassphrase: string,
  currentPassphrase?: string,
) =>
  call<ProfileList>(
    backend,
    'profile.setPassphrase',
    currentPassphrase === undefined ? { id, newPassphrase } : { id, newPassphrase, currentPassphrase },
  );
