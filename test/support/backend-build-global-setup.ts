import type { TestProject } from 'vitest/node';
import { buildBackend } from './backend-build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's bundled CLI and workers (./backend-build.ts); ./backend-build-env.ts hands it on. */
    backendBuild: string;
  }
}

/** Bundles the CLI and the workers once for a project's whole run, and removes them after it. */
export default async function setup(project: TestProject) {
  const { dir, cleanup } = await buildBackend();
  process.once('exit', cleanup);
  project.provide('backendBuild', dir);
  return () => {
    process.off('exit', cleanup);
    cleanup();
  };
}
