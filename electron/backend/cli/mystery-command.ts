import { readFileSync } from 'node:fs';
import type { Backend } from '../backend';
import { evidenceFromFolder } from '../services/mystery/import/evidence';
import { importMysteryShops } from '../services/mystery/import/run';
import { listShops } from '../services/mystery/store';

/**
 * `earmark mystery import FILE --mapping MAPPING.json [--recordings DIR] [--json]`: an agency's
 * spreadsheet, one shop a row. Exit code 1 when some row failed, so a delivery script notices.
 */
export async function runMysteryImport(
  backend: Backend,
  options: { file: string; mapping: string | undefined; recordings: string | undefined; json: boolean },
): Promise<number> {
  if (!options.mapping) throw new Error('mystery import needs --mapping MAPPING.json.');
  let mapping: unknown;
  try {
    mapping = JSON.parse(readFileSync(options.mapping, 'utf8'));
  } catch (error) {
    throw new Error(
      `--mapping ${options.mapping}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const report = await importMysteryShops(backend.database, {
    fileName: options.file,
    bytes: readFileSync(options.file),
    mapping,
    ...(options.recordings
      ? { findEvidence: evidenceFromFolder(backend.database.query, backend.imports, options.recordings) }
      : {}),
  });
  if (options.json) console.log(JSON.stringify(report));
  else {
    for (const f of report.failed) console.log(`failed    ${f.error}`);
    for (const s of report.skipped) console.log(`skipped   row ${s.row}: ${s.shopId} (${s.reason})`);
    console.log(
      `\n${report.imported.length} imported, ${report.skipped.length} skipped, ${report.failed.length} failed`,
    );
  }
  return report.failed.length > 0 ? 1 : 0;
}

/** `earmark mystery list [--json]`: every shop, oldest first. */
export async function runMysteryList(backend: Backend, json: boolean): Promise<number> {
  const shops = await listShops(backend.database.query, {});
  if (json) console.log(JSON.stringify(shops));
  else {
    for (const s of shops) {
      const score = s.percent === null ? '–' : `${s.percent} %`;
      console.log(
        `${s.shopId}\t${s.occurredAt}\t${s.channel}\t${s.team}\t${s.scenario}\t${score}\t${s.status}`,
      );
    }
    console.log(`\n${shops.length} shops`);
  }
  return 0;
}
