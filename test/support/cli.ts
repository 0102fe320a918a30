import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * `node` arguments that run `earmark` from this run's bundle (./backend-build.ts), built from the current
 * source: append the command's own arguments. Starts in a fraction of the time `--import tsx cli.ts` takes.
 */
export const earmarkCli = (): string[] => [join(inject('backendBuild'), 'cli.js')];
