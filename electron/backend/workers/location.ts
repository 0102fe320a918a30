import { Worker, type WorkerOptions } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Built: every entry and chunk sits flat in out/main, beside `<name>.worker.js`.
// From source (tests, benchmarks): the workers are TypeScript beside this file and run through tsx.
const here = dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');

/**
 * The benchmarks run the backend from source but time its workers as the app runs them: built, without
 * tsx compiling every module as each worker starts (half the time of a 2-hour WAV's analysis). They set
 * this to the build's out/main (`npm run bench` builds first).
 */
export const BUILT_WORKERS_ENV = 'EARMARK_BUILT_WORKERS';

/** Starts the worker `<name>.worker` wherever this code runs from (built bundle or TypeScript source). */
export function startWorker(name: string, options: WorkerOptions): Worker {
  if (!fromSource) return new Worker(join(here, `${name}.worker.js`), options);
  const built = process.env[BUILT_WORKERS_ENV];
  if (built) return new Worker(join(built, `${name}.worker.js`), options);
  const file = pathToFileURL(join(here, `${name}.worker.ts`)).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
