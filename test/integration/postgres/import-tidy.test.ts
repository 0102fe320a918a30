import { cpSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend';
import { freshPostgresUrl } from '../../support/engines';
import { resourcesDir, sharedData, tempDir } from '../../support/paths';

/**
 * After an import on PostgreSQL the library is tidied at once, as autovacuum would a minute or more
 * later: statistics for the planner, the search index's pending list merged (every search scans it),
 * the new rows visible to all.
 */
const source = tempDir('earmark-import-tidy-');
const data = tempDir('earmark-import-tidy-data-');
afterAll(() => {
  source.cleanup();
  data.cleanup();
});

it('tidies the segments and their search index after an import brought chats in', async () => {
  cpSync(
    join(sharedData, 'chats', 'asappresearch__abcd', 'abcd_sample.json'),
    join(source.dir, 'abcd_sample.json'),
  );
  const databaseUrl = await freshPostgresUrl();
  const backend = await createBackend({
    dataDir: data.dir,
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
    databaseUrl,
  });
  try {
    const { batchId } = await backend.imports.start({
      paths: [source.dir],
      pairLegs: false,
      roles: {},
      copyRecordings: false,
    });
    expect((await backend.imports.wait(batchId)).imported).toBe(1);
  } finally {
    // Closing waits for the tidying, which runs after the batch has ended.
    await backend.close();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ relname: string; vacuumed: boolean; analyzed: boolean }>(
      `SELECT relname, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed
         FROM pg_stat_user_tables WHERE relname IN ('segments', 'interactions') ORDER BY relname`,
    );
    // Statistics, but no VACUUM: its GIN clean-up would read the whole index after every upload (tidy.ts).
    expect(tables).toEqual([
      { relname: 'interactions', vacuumed: false, analyzed: true },
      { relname: 'segments', vacuumed: false, analyzed: true },
    ]);
    const { rows: segments } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM segments');
    expect(segments[0]!.n).toBeGreaterThan(0);
    // pgstattuple comes with Debian's server and the npm one: the index keeps nothing pending.
    await client.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const { rows: index } = await client.query<{ pending_tuples: string }>(
      `SELECT pending_tuples FROM pgstatginindex('segments_fts')`,
    );
    expect(Number(index[0]!.pending_tuples)).toBe(0);
  } finally {
    await client.end();
  }
});
