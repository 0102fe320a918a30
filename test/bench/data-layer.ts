import { createBackend, type Backend } from '../../electron/backend/backend';
import type { Database } from '../../electron/backend/db/database';
import { openDatabase } from '../../electron/backend/db/open';
import { openPostgres } from '../../electron/backend/db/postgres/database';
import { sqliteDatabase } from '../../electron/backend/db/sqlite/database';
import { resourcesDir, tempDir } from '../support/paths';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { benchPeaksWindow } from './peaks-window';
import { percentile, round } from './stats';

/**
 * What is on the query layer so far, on both engines side by side (PostgreSQL figures carry `pg_`):
 * - settings_update_ms_p50/p99: `settings.update` through the dispatch (validation, one transaction,
 *   the read back); app_info_ms_p50: `app.info`, the cheapest call, as the baseline;
 * - peaks_window_*: the review workspace's waveform reads (./peaks-window.ts);
 * - insert_many_rows_per_s: transcript segments through the layer's bulk path (prepared statement in one
 *   transaction on SQLite, multi-row INSERTs on PostgreSQL), the path the import will take.
 * PostgreSQL is a throwaway local cluster (test/support/postgres.ts), fsync off as in the tests: the
 * figures show the layer's cost, not a server's disks.
 */
export async function benchDataLayer(quick: boolean) {
  const iterations = quick ? 200 : 2000;
  const rows = quick ? 20_000 : 200_000;
  const cluster = await startPostgresCluster();
  const folders: (() => void)[] = [];
  try {
    const figures: Record<string, number> = {};
    for (const engine of ['sqlite', 'postgres'] as const) {
      const prefix = engine === 'postgres' ? 'pg_' : '';
      const data = tempDir();
      folders.push(data.cleanup);
      const databaseUrl = engine === 'postgres' ? await createDatabase(cluster.adminUrl) : undefined;
      const backend = await createBackend({
        dataDir: data.dir,
        resourcesDir,
        version: 'bench',
        log: () => {},
        ...(databaseUrl ? { databaseUrl } : {}),
      });
      try {
        const update = await timeCalls(
          backend,
          'settings.update',
          (i) => ({ evaluationPanelShare: 30 + (i % 40) }),
          iterations,
        );
        const info = await timeCalls(backend, 'app.info', () => ({}), iterations);
        figures[`${prefix}settings_update_ms_p50`] = round(percentile(update, 50), 3);
        figures[`${prefix}settings_update_ms_p99`] = round(percentile(update, 99), 3);
        figures[`${prefix}app_info_ms_p50`] = round(percentile(info, 50), 3);
        for (const [key, value] of Object.entries(await benchPeaksWindow(backend, quick)))
          figures[prefix + key] = value;
      } finally {
        await backend.close();
      }
      const bulk = tempDir();
      folders.push(bulk.cleanup);
      const layer = databaseUrl ? await postgresLayer(cluster.adminUrl) : await sqliteLayer(bulk.dir);
      try {
        figures[`${prefix}insert_many_rows_per_s`] = Math.round(await bulkRate(layer.database, rows));
      } finally {
        await layer.close();
      }
    }
    return figures;
  } finally {
    folders.forEach((cleanup) => cleanup());
    await cluster.stop();
  }
}

async function postgresLayer(adminUrl: string) {
  const database = await openPostgres(await createDatabase(adminUrl));
  return { database, close: () => database.close() };
}

async function sqliteLayer(dir: string): Promise<{ database: Database; close: () => Promise<void> }> {
  const db = await openDatabase(dir);
  return {
    database: sqliteDatabase(db),
    close: async () => {
      db.close();
    },
  };
}

async function timeCalls(backend: Backend, method: string, params: (i: number) => unknown, n: number) {
  const samples: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const start = performance.now();
    const reply = await backend.dispatch(method, params(i));
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    if (i >= 20) samples.push(performance.now() - start); // the first calls warm up
  }
  return samples;
}

async function bulkRate(database: Database, count: number): Promise<number> {
  const { id } = await database.query
    .insertInto('interactions')
    .values({ kind: 'chat', title: 'Bench', source: 'bench' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const segments = Array.from({ length: count }, (_, seq) => ({
    interaction_id: id,
    seq,
    speaker: seq % 2 ? ('agent' as const) : ('customer' as const),
    text: `Guten Tag, hier spricht Zeile ${seq}: Ihre Rechnung über ${seq % 500} Euro ist unterwegs.`,
  }));
  const start = performance.now();
  await database.insertMany(database.query, 'segments', segments);
  return count / ((performance.now() - start) / 1000);
}
