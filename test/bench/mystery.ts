import { readTable } from '../../electron/backend/import/formats/manifest/read-table';
import { dryRunMysteryImport } from '../../electron/backend/services/mystery/import/dry-run';
import { importMysteryShops } from '../../electron/backend/services/mystery/import/run';
import { csv, germanMapping, germanRow, xlsx } from '../integration/mystery/sheet';
import { withBenchBackend } from './backend';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../support/postgres';
import { round } from './stats';

/**
 * An agency's wave as one spreadsheet of 10,000 shops (German headers, 15 checklist and detail columns,
 * one broken row in a hundred), imported whole into a fresh database: rows per second for XLSX and for
 * CSV, each beside the baseline of only reading the same sheet (exceljs / papaparse), which the import
 * cannot beat. The same on a throwaway PostgreSQL (fsync off, as in the tests), with `pg_` in front.
 */
export async function benchMysteryImport(quick: boolean): Promise<Record<string, number>> {
  const count = quick ? 2_000 : 10_000;
  const rows = Array.from({ length: count }, (_, i) =>
    i % 100 === 99 ? germanRow(i, { Begrüßung: 'vielleicht' }) : germanRow(i),
  );
  const sheets = { xlsx: await xlsx(rows), csv: csv(rows) };
  const figures: Record<string, number> = { mystery_rows: count };
  const cluster: PostgresCluster = await startPostgresCluster();
  try {
    for (const [kind, bytes] of Object.entries(sheets)) {
      const fileName = `wave.${kind}`;
      const started = performance.now();
      await readTable({ fileName, bytes });
      figures[`mystery_read_${kind}_rows_per_s_baseline`] = round(
        count / ((performance.now() - started) / 1000),
        0,
      );
      for (const engine of ['sqlite', 'postgres'] as const) {
        const prefix = engine === 'postgres' ? 'pg_' : '';
        const databaseUrl = engine === 'postgres' ? await createDatabase(cluster.adminUrl) : undefined;
        Object.assign(figures, await importRates(kind, fileName, bytes, count, prefix, databaseUrl));
      }
    }
  } finally {
    await cluster.stop();
  }
  return figures;
}

/** The dry run, then the import, of one sheet into a fresh database of one engine: rows per second. */
async function importRates(
  kind: string,
  fileName: string,
  bytes: Buffer,
  count: number,
  prefix: string,
  databaseUrl: string | undefined,
): Promise<Record<string, number>> {
  return withBenchBackend('mystery', databaseUrl, async (backend) => {
    // The mapping step's dry run goes over every row too, stores nothing, and is asked again on each change.
    let started = performance.now();
    const dry = await dryRunMysteryImport(backend.database, { fileName, bytes, mapping: germanMapping });
    const drySeconds = (performance.now() - started) / 1000;
    if (dry.rows.length !== count) throw new Error('rows went missing in the dry run');
    started = performance.now();
    const report = await importMysteryShops(backend.database, { fileName, bytes, mapping: germanMapping });
    const seconds = (performance.now() - started) / 1000;
    if (report.imported.length + report.failed.length !== count) throw new Error('rows went missing');
    return {
      [`${prefix}mystery_dry_run_${kind}_rows_per_s`]: round(count / drySeconds, 0),
      [`${prefix}mystery_import_${kind}_rows_per_s`]: round(count / seconds, 0),
    };
  });
}
