import type { Backend } from '../backend';

export interface ImportCommandOptions {
  paths: string[];
  manifest?: string | undefined;
  pairLegs: boolean;
  copy: boolean;
  json: boolean;
}

/**
 * `earmark import PATH... [--manifest FILE] [--pair-legs] [--copy]`: imports in the background worker like
 * the app does, printing progress to stderr. Exit code 1 only when nothing could be imported.
 */
export async function runImport(backend: Backend, options: ImportCommandOptions): Promise<number> {
  const { batchId } = backend.imports.start({
    paths: options.paths,
    ...(options.manifest ? { manifest: { path: options.manifest } } : {}),
    pairLegs: options.pairLegs,
    roles: {},
    copyRecordings: options.copy,
  });
  const unsubscribe = backend.events.subscribe((event, payload) => {
    if (event !== 'import.progress' || options.json) return;
    const p = payload as { doneFiles: number; totalFiles: number; currentFile: string | null };
    if (p.currentFile) process.stderr.write(`[${p.doneFiles + 1}/${p.totalFiles}] ${p.currentFile}\n`);
  });
  const progress = await backend.imports.wait(batchId);
  unsubscribe();
  const { outcomes } = backend.imports.status(batchId);
  const report = {
    imported: outcomes
      .filter((o) => o.outcome === 'imported')
      .map((o) => ({
        file: o.file,
        interactionIds: o.interactionIds,
        ...(o.message ? { warning: o.message } : {}),
      })),
    skipped: outcomes
      .filter((o) => o.outcome === 'skipped')
      .map((o) => ({ file: o.file, reason: o.message ?? '' })),
    failed: [
      ...outcomes
        .filter((o) => o.outcome === 'failed')
        .map((o) => ({ file: o.file, error: o.message ?? '' })),
      ...(progress.state === 'failed'
        ? [{ file: options.paths.join(', '), error: progress.message ?? 'The import failed.' }]
        : []),
    ],
  };
  if (options.json) {
    console.log(JSON.stringify(report));
  } else {
    for (const f of report.failed) console.log(`failed    ${f.file}: ${f.error}`);
    for (const s of report.skipped) console.log(`skipped   ${s.file}: ${s.reason}`);
    for (const i of report.imported) console.log(`imported  ${i.file}${i.warning ? ` (${i.warning})` : ''}`);
    console.log(
      `\n${report.imported.length} imported, ${report.skipped.length} skipped, ${report.failed.length} failed`,
    );
  }
  const nothingImported =
    report.imported.length === 0 && (report.failed.length > 0 || report.skipped.length === 0);
  return nothingImported ? 1 : 0;
}
