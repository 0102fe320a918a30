import { createBackend, type Backend } from '../../electron/backend/backend';
import { resourcesDir, tempDir } from '../support/paths';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { TEAM_SERVER, vocabulary, writeChatExports } from './library';
import { round } from './stats';

/**
 * The bulk import of `library` (the same generated chat exports, worker thread, one transaction per file)
 * on PostgreSQL: the segments go in by COPY and each one's search document (tsvector) is computed and
 * put in the GIN index as it lands. pg_import_segments_per_s is wall-clock, as import_segments_per_s.
 * PostgreSQL is a throwaway local cluster (test/support/postgres.ts), fsync off as in the tests, sized as
 * the search bench's team server (TEAM_SERVER, printed as pg_import_server): with the tests' 64 MB of
 * buffers every page of the growing table and index went out to the system's file cache and back, about
 * a tenth of the server's CPU time. The worker imports a few files at once (import/lanes.ts).
 * pg_import_segments_per_cpu_s divides by the CPU time of the whole import, this process's threads and
 * the server's processes together, which other work on a busy machine changes little.
 */
export async function benchPgImport(quick: boolean) {
  const interactions = quick ? 1_000 : 10_000;
  const source = tempDir('earmark-bench-pg-chats-');
  const data = tempDir('earmark-bench-pg-data-');
  const cluster = await startPostgresCluster({ settings: TEAM_SERVER });
  let backend: Backend | undefined;
  try {
    writeChatExports(source.dir, interactions, 100, 100, vocabulary());
    backend = await createBackend({
      dataDir: data.dir,
      resourcesDir,
      version: 'bench',
      log: () => {},
      databaseUrl: await createDatabase(cluster.adminUrl),
    });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const serverBefore = cluster.cpuSeconds();
    const { batchId } = await backend.imports.start({
      paths: [source.dir],
      pairLegs: false,
      roles: {},
      copyRecordings: false,
    });
    const progress = await backend.imports.wait(batchId);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = cluster.cpuSeconds();
    const cpuSeconds =
      serverBefore === null || serverAfter === null
        ? null
        : (cpu.user + cpu.system) / 1e6 + serverAfter - serverBefore;
    if (progress.failed > 0 || progress.imported === 0) {
      const { outcomes } = await backend.imports.status(batchId);
      throw new Error(`bulk import on PostgreSQL failed: ${JSON.stringify(outcomes.slice(0, 3))}`);
    }
    const { n: segments } = await backend.database.query
      .selectFrom('segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      pg_import_server: Object.entries(TEAM_SERVER)
        .map(([name, value]) => `${name}=${value}`)
        .join(' '),
      pg_import_segments: segments,
      pg_import_seconds: round(seconds, 2),
      pg_import_segments_per_s: Math.round(segments / seconds),
      ...(cpuSeconds === null
        ? {}
        : {
            pg_import_cpu_s: round(cpuSeconds, 2),
            pg_import_server_cpu_s: round(serverAfter! - serverBefore!, 2),
            pg_import_segments_per_cpu_s: Math.round(segments / cpuSeconds),
          }),
    };
  } finally {
    await backend?.close();
    await cluster.stop();
    source.cleanup();
    data.cleanup();
  }
}
