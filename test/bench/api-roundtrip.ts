import { request } from 'node:http';
import { createBackend } from '../../electron/backend/backend';
import { startBrowserHost } from '../../electron/backend/host/server';
import { call } from '../support/backend';
import { resourcesDir, tempDir } from '../support/paths';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { percentile, round } from './stats';

/**
 * api_roundtrip_ms_p50/p95: a `library.list` call over the browser host (HTTP, token check, JSON,
 * zod validation both ways) on the demo library. Baseline, same run: `app.info`, the cheapest
 * method, so the ratio isolates what the query and validation cost over the transport itself.
 * demo_load_ms: loading that library (`demo.load`: copy, analyse, one transaction).
 * Each on SQLite and on a throwaway PostgreSQL (fsync off, as in the tests), the latter with `pg_`.
 */
export async function benchApiRoundtrip(iterations: number): Promise<Record<string, number>> {
  const cluster = await startPostgresCluster();
  try {
    const figures: Record<string, number> = {};
    for (const engine of ['sqlite', 'postgres'] as const) {
      const databaseUrl = engine === 'postgres' ? await createDatabase(cluster.adminUrl) : undefined;
      const prefix = engine === 'postgres' ? 'pg_' : '';
      for (const [key, value] of Object.entries(await benchOneEngine(iterations, databaseUrl)))
        figures[`${prefix}${key}`] = value;
    }
    return figures;
  } finally {
    await cluster.stop();
  }
}

async function benchOneEngine(iterations: number, databaseUrl: string | undefined) {
  const data = tempDir('earmark-bench-api-');
  const backend = await createBackend({
    dataDir: data.dir,
    resourcesDir,
    version: 'bench',
    log: () => {},
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  const renderer = tempDir();
  const host = await startBrowserHost({ backend, rendererDir: renderer.dir });
  try {
    const demoStart = performance.now();
    await call(backend, 'demo.load');
    const demoMs = performance.now() - demoStart;
    const time = async (method: string, body: string) => {
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const start = performance.now();
        await post(host.port, host.token, method, body);
        samples.push(performance.now() - start);
      }
      return samples;
    };
    await time('app.info', '{}'); // warm up
    const base = await time('app.info', '{}');
    const list = await time('library.list', '{"limit":100}');
    return {
      demo_load_ms: round(demoMs),
      api_roundtrip_ms_p50: round(percentile(list, 50), 2),
      api_roundtrip_ms_p95: round(percentile(list, 95), 2),
      baseline_app_info_ms_p50: round(percentile(base, 50), 2),
      api_roundtrip_ratio: round(percentile(list, 50) / percentile(base, 50), 2),
    };
  } finally {
    await host.close();
    renderer.cleanup();
    await backend.close();
    data.cleanup();
  }
}

function post(port: number, token: string, method: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${method}`,
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${method}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
