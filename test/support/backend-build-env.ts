import { inject } from 'vitest';
import { BUILT_WORKERS_ENV } from '../../electron/backend/workers/location';

// Every backend a test starts runs its workers from this run's bundle, built from the current source
// (./backend-build-global-setup.ts), as the app runs its build's; a CLI it spawns inherits the setting.
// A folder given from outside wins.
process.env[BUILT_WORKERS_ENV] ??= inject('backendBuild');
