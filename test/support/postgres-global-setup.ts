import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's superuser URL; set only in the integration-pg project. */
    postgresAdminUrl: string;
  }
}

/**
 * One PostgreSQL cluster for the whole integration-pg run (each test file makes its own database on
 * it), stopped when the run ends, and also when it is interrupted (Ctrl-C, a kill): no server is left
 * behind on the machine.
 */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  const onSignal = (signal: NodeJS.Signals) => {
    cluster.stopNow();
    process.kill(process.pid, signal);
  };
  process.once('exit', cluster.stopNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return async () => {
    process.off('exit', cluster.stopNow);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    await cluster.stop();
  };
}
