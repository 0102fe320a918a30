import { Worker, type WorkerOptions } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Built: every entry and chunk sits flat in out/main, beside `<name>.worker.js`.
// From source (tests, benchmarks): the workers are TypeScript beside this file and run through tsx.
const here = dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');

/** Starts the worker `<name>.worker` wherever this code runs from (built bundle or TypeScript source). */
export function startWorker(name: string, options: WorkerOptions): Worker {
  if (!fromSource) return new Worker(join(here, `${name}.worker.js`), options);
  const file = pathToFileURL(join(here, `${name}.worker.ts`)).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
