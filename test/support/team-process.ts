import { createBackend } from '../../electron/backend/backend';
import { startTeamWork } from '../../electron/backend/team-work';
import { resourcesDir } from './paths';

/**
 * A team server process for the tests, as a child they can kill outright: a backend on the given
 * PostgreSQL with its job worker and event bridge, which enqueues an import of `folder` (when given) and
 * prints the batch id. Arguments: database URL, data folder, hold in ms, folder to import.
 */
const [url, dataDir, leaseMs, folder] = process.argv.slice(2);
const backend = await createBackend({
  dataDir: dataDir!,
  resourcesDir,
  version: '0.0.0-test',
  databaseUrl: url!,
  log: () => {},
});
await startTeamWork(backend, { leaseMs: Number(leaseMs), pollingMs: 500, log: () => {} });
if (folder) {
  const { batchId } = await backend.imports.start({
    paths: [folder],
    pairLegs: true,
    roles: {},
    copyRecordings: false,
  });
  process.stdout.write(`batch ${batchId}\n`);
}
