import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../electron/backend/backend';
import { createBackend } from '../../electron/backend/backend';
import { sql } from 'kysely';
import { resourcesDir, tempDir } from '../support/paths';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { percentile, round } from './stats';

/**
 * Bulk import and search at scale. Generates chat exports (generic chat JSON) totalling `interactions`
 * conversations of `turns` messages each, imports them through the real pipeline (worker thread, one
 * transaction per file, the full-text index filled as the segments go in), then times library searches
 * on the result. import_segments_per_s is wall-clock (the target); import_segments_per_cpu_s divides by
 * the CPU time all of the process's threads spent, which other work on a busy machine changes little.
 */
export async function benchLibrary(quick: boolean) {
  const interactions = quick ? 1_000 : 10_000;
  const turns = 100;
  const perFile = 100;
  const source = tempDir('earmark-bench-chats-');
  const data = tempDir('earmark-bench-data-');
  const words = vocabulary();
  let backend: Backend | undefined;
  try {
    writeChatExports(source.dir, interactions, turns, perFile, words);
    backend = await createBackend({ dataDir: data.dir, resourcesDir, version: 'bench', log: () => {} });

    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { batchId } = await backend.imports.start({
      paths: [source.dir],
      pairLegs: false,
      roles: {},
      copyRecordings: false,
    });
    const progress = await backend.imports.wait(batchId);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (progress.failed > 0 || progress.imported === 0) {
      throw new Error(
        `bulk import failed: ${JSON.stringify((await backend.imports.status(batchId)).outcomes.slice(0, 3))}`,
      );
    }
    const segments = (backend.db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n;

    const search = await searchFigures(backend, words, quick);
    const figures = {
      import_interactions: progress.imported > 0 ? interactions : 0,
      import_segments: segments,
      import_seconds: round(seconds, 2),
      import_segments_per_s: Math.round(segments / seconds),
      import_cpu_s: round(cpuSeconds, 2),
      import_segments_per_cpu_s: Math.round(segments / cpuSeconds),
      ...search,
    };
    return figures;
  } finally {
    await backend?.close();
    source.cleanup();
    data.cleanup();
  }
}

/**
 * A team's PostgreSQL server, as the searches are timed on it: buffers for the library's segments and
 * search index (1,000,000 segments take about 400 MB), as a server with a few GB of memory is set up.
 * The tests' throwaway cluster keeps 64 MB, which made every ranked search read the table through the
 * system's file cache. Printed beside the figures (pg_search_server).
 */
export const TEAM_SERVER = { shared_buffers: '1GB', work_mem: '32MB', effective_cache_size: '4GB' };

/**
 * The same searches on PostgreSQL, prefixed `pg_`, over as many segments of the same vocabulary. The
 * rows are written by one INSERT … SELECT from generate_series, the search index built after them:
 * the import's own speed on PostgreSQL is timed apart (pg_import_segments_per_s); this times searching.
 * pg_search_ranked_server_cpu_ms_p95 is the server's CPU time for a ranked search (10 ms steps), which
 * other work on a busy machine changes little: on an idle one the wall time comes near it.
 */
export async function benchPgSearch(quick: boolean) {
  const interactions = quick ? 1_000 : 10_000;
  const turns = 100;
  const words = vocabulary();
  const cluster = await startPostgresCluster({ settings: TEAM_SERVER });
  const data = tempDir('earmark-bench-pg-');
  let backend: Backend | undefined;
  try {
    const databaseUrl = await createDatabase(cluster.adminUrl);
    backend = await createBackend({
      dataDir: data.dir,
      resourcesDir,
      version: 'bench',
      log: () => {},
      databaseUrl,
    });
    const q = backend.database.query;
    const started = performance.now();
    await sql`DROP INDEX segments_fts`.execute(q);
    await sql`SELECT setseed(0.42)`.execute(q);
    await sql`INSERT INTO interactions (kind, title, source, external_id, started_at, duration_ms, direction)
      SELECT 'chat', 'Bench chat ' || g, 'bench', 'bench-' || g,
        to_char(timestamp '2026-01-05 08:00:00' + (g - 1) * interval '10 minutes', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
        ${(turns - 1) * 20_000}, 'inbound'
      FROM generate_series(1, ${interactions}) g`.execute(q);
    // Words drawn as the SQLite bench's chat exports draw them: skewed towards the common ones. Each
    // chat's turns go in together, ids in order, as the import writes a file's chats: written turn by
    // turn across all chats, a chat's turns lay on a hundred pages, and finding the best turns of one
    // page of results read 4,600 pages where an imported library has 230.
    await sql`INSERT INTO segments (interaction_id, seq, speaker, sent_at, text)
      SELECT i.id, t.seq, CASE WHEN t.seq % 2 = 0 THEN 'customer' ELSE 'agent' END,
        to_char(timestamp '2026-01-05 08:00:00' + (i.id - 1) * interval '10 minutes' + t.seq * interval '20 seconds',
          'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
        (SELECT string_agg((${words}::text[])[1 + floor(${words.length} * power(random(), 3))::int], ' ')
           FROM generate_series(1, 6 + floor(random() * 14)::int + 0 * i.id + 0 * t.seq))
      FROM interactions i CROSS JOIN generate_series(0, ${turns - 1}) t(seq)
      ORDER BY i.id, t.seq`.execute(q);
    await sql`CREATE INDEX segments_fts ON segment_search USING gin (search_document)`.execute(q);
    // As autovacuum leaves a table some time after a bulk load: visible to all, with fresh statistics.
    await sql`VACUUM ANALYZE`.execute(q);
    const fillSeconds = (performance.now() - started) / 1000;
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM segments`.execute(q);
    const figures = await searchFigures(backend, words, quick, () => cluster.cpuSeconds());
    return {
      pg_search_server: Object.entries(TEAM_SERVER)
        .map(([name, value]) => `${name}=${value}`)
        .join(' '),
      pg_search_segments: rows[0]!.n,
      pg_search_fill_seconds: round(fillSeconds, 1),
      ...Object.fromEntries(Object.entries(figures).map(([key, value]) => [`pg_${key}`, value])),
    };
  } finally {
    await backend?.close();
    data.cleanup();
    await cluster.stop();
  }
}

/** Library searches as a supervisor types them, timed through the dispatch. */
async function searchFigures(
  backend: Backend,
  words: string[],
  quick: boolean,
  serverCpu?: () => number | null,
) {
  const search = async (params: object) => {
    const reply = await backend.dispatch('library.list', params);
    if (!reply.ok) throw new Error(reply.error.message);
  };
  // Terms from rare to common, as a supervisor would type them. (The vocabulary has 1,728 words; the
  // rarest used to be words[3000], which is undefined and made that sample an unsearched listing.)
  const queries = [
    words[1700]!,
    words[800]!,
    words[200]!,
    words[40]!,
    `${words[120]} ${words[60]}`,
    words[500]!.slice(0, 3),
  ];
  const cpuSamples: number[] = [];
  const time = async (make: (q: string) => object, rounds: number) => {
    const samples: number[] = [];
    cpuSamples.length = 0;
    for (let round = 0; round < rounds; round++) {
      for (const q of queries) {
        const cpuBefore = serverCpu?.() ?? null;
        const start = performance.now();
        await search(make(q));
        samples.push(performance.now() - start);
        const cpuAfter = serverCpu?.() ?? null;
        if (cpuBefore !== null && cpuAfter !== null) cpuSamples.push((cpuAfter - cpuBefore) * 1000);
      }
    }
    return samples;
  };
  const firstPage = await time(() => ({ limit: 50 }), quick ? 5 : 20);
  const filtered = await time(
    () => ({ filters: { kind: 'chat', from: '2026-01-01' }, sort: 'duration', limit: 50 }),
    quick ? 5 : 20,
  );
  const ranked = await time((q) => ({ filters: { text: q }, limit: 50 }), quick ? 3 : 10);
  const rankedCpu = [...cpuSamples];
  const newest = await time((q) => ({ filters: { text: q }, sort: 'startedAt', limit: 50 }), quick ? 3 : 10);
  return {
    search_first_page_ms_p50: round(percentile(firstPage, 50), 2),
    search_first_page_ms_p95: round(percentile(firstPage, 95), 2),
    search_filtered_page_ms_p95: round(percentile(filtered, 95), 2),
    search_ranked_ms_p50: round(percentile(ranked, 50), 2),
    search_ranked_ms_p95: round(percentile(ranked, 95), 2),
    ...(rankedCpu.length ? { search_ranked_server_cpu_ms_p95: round(percentile(rankedCpu, 95), 0) } : {}),
    search_text_newest_first_ms_p95: round(percentile(newest, 95), 2),
  };
}

/** A Zipf-ish vocabulary: a few words are very common, most are rare, as in real transcripts. */
export function vocabulary(): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vi', 'so', 'pe', 'du', 'ha', 'ji'];
  const words: string[] = [];
  for (const a of syllables) for (const b of syllables) for (const c of syllables) words.push(a + b + c);
  return words;
}

export function writeChatExports(
  dir: string,
  interactions: number,
  turns: number,
  perFile: number,
  words: string[],
): void {
  mkdirSync(dir, { recursive: true });
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => words[Math.floor(words.length * random() ** 3)]!; // skewed towards the common ones
  const start = Date.parse('2026-01-05T08:00:00Z');
  for (let file = 0; file < interactions / perFile; file++) {
    const messages: object[] = [];
    for (let c = 0; c < perFile; c++) {
      const id = file * perFile + c;
      const t0 = start + id * 600_000;
      for (let turn = 0; turn < turns; turn++) {
        const length = 6 + Math.floor(random() * 14);
        messages.push({
          conversationId: `bench-${id}`,
          sender: turn % 2 === 0 ? 'customer' : 'agent',
          timestamp: new Date(t0 + turn * 20_000).toISOString(),
          text: Array.from({ length }, word).join(' '),
        });
      }
    }
    writeFileSync(join(dir, `chats-${String(file).padStart(4, '0')}.json`), JSON.stringify(messages));
  }
}
