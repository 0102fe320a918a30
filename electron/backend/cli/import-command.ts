import type { ImportPlan, UnrecognisedReason } from '../../../shared/api';
import { describeNamePatternError, parseNamePattern } from '../../../shared/import/name-pattern';
import type { Backend } from '../backend';

export interface ImportCommandOptions {
  paths: string[];
  manifest?: string | undefined;
  namePattern?: string | undefined;
  pairLegs: boolean;
  copy: boolean;
  json: boolean;
}

const REASONS: Record<UnrecognisedReason, string> = {
  empty: 'the file is empty',
  archive: 'a ZIP archive or Office document that is not an .xlsx manifest',
  binary: 'not a recording Earmark can read',
  json: 'JSON that is neither a transcript nor a chat export Earmark knows',
  text: 'text that is not a transcript, chat export or table Earmark knows',
  extraManifest: 'a second manifest: one import reads one',
};

/**
 * `earmark import PATH... [--manifest FILE] [--name-pattern PATTERN] [--pair-legs] [--copy]`: imports in
 * the background worker like the app does, printing progress to stderr. Every file given is in the report:
 * as an outcome, as part of one (`with`: the other leg, the transcript), as the manifest, or as unrecognised.
 * Files already in the library that a manifest row describes get that row's details ("updated").
 * Exit code 1 only when nothing could be imported or updated.
 */
export async function runImport(backend: Backend, options: ImportCommandOptions): Promise<number> {
  if (options.namePattern) {
    const parsed = parseNamePattern(options.namePattern);
    if (!parsed.ok) throw new Error(`--name-pattern: ${describeNamePatternError(parsed.error)}`);
  }
  const { batchId } = await backend.imports.start({
    paths: options.paths,
    ...(options.manifest ? { manifest: { path: options.manifest } } : {}),
    ...(options.namePattern !== undefined ? { namePattern: options.namePattern } : {}),
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
  const { outcomes } = await backend.imports.status(batchId);
  const plan = backend.imports.plan(batchId);
  const parts = partsOf(plan);
  const withParts = (file: string) => ({ with: parts.get(file) ?? [] });
  const report = {
    imported: outcomes
      .filter((o) => o.outcome === 'imported')
      .map((o) => ({
        file: o.file,
        ...withParts(o.file),
        interactionIds: o.interactionIds,
        ...(o.message ? { warning: o.message } : {}),
        ...(o.warnings.length ? { warnings: o.warnings } : {}),
      })),
    updated: outcomes
      .filter((o) => o.outcome === 'updated')
      .map((o) => ({
        file: o.file,
        ...withParts(o.file),
        interactionIds: o.interactionIds,
        ...(o.message ? { message: o.message } : {}),
      })),
    skipped: outcomes
      .filter((o) => o.outcome === 'skipped')
      .map((o) => ({ file: o.file, ...withParts(o.file), reason: o.message ?? '' })),
    failed: [
      ...outcomes
        .filter((o) => o.outcome === 'failed')
        .map((o) => ({ file: o.file, ...withParts(o.file), error: o.message ?? '' })),
      ...(progress.state === 'failed'
        ? [{ file: options.paths.join(', '), with: [], error: progress.message ?? 'The import failed.' }]
        : []),
    ],
    manifest: plan?.items.find((item) => item.becomes === 'manifest')?.file ?? null,
    unrecognised: (plan?.items ?? [])
      .filter((item) => item.becomes === 'unrecognised')
      .map((item) => ({
        file: item.file,
        reason:
          item.reason === 'extraManifest' && item.with
            ? `${REASONS.extraManifest} (${item.with})`
            : REASONS[item.reason ?? 'text'],
      })),
  };
  if (options.json) {
    console.log(JSON.stringify(report));
  } else {
    for (const f of report.failed) console.log(`failed    ${f.file}: ${f.error}`);
    for (const s of report.skipped) console.log(`skipped   ${s.file}: ${s.reason}`);
    for (const u of report.updated) console.log(`updated   ${u.file}`);
    for (const i of report.imported) console.log(`imported  ${i.file}${i.warning ? ` (${i.warning})` : ''}`);
    for (const u of report.unrecognised) console.log(`left out  ${u.file}: ${u.reason}`);
    console.log(
      `\n${report.imported.length} imported, ${report.updated.length} updated, ${report.skipped.length} skipped, ${report.failed.length} failed, ${report.unrecognised.length} left out`,
    );
  }
  const nothingImported =
    report.imported.length === 0 &&
    report.updated.length === 0 &&
    (report.failed.length > 0 || report.skipped.length === 0);
  return nothingImported ? 1 : 0;
}

/** Per imported file, the other files that went into the same interaction: its other leg, transcript, RTTM. */
function partsOf(plan: ImportPlan | null): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  if (!plan) return parts;
  const add = (owner: string, file: string) => parts.set(owner, [...(parts.get(owner) ?? []), file]);
  const ownerOfTranscript = new Map<string, string>();
  for (const item of plan.items) {
    if (item.becomes === 'twoLegCall' && item.leg === 'customer' && item.with) add(item.with, item.file);
    if (item.becomes === 'transcript' && item.with) {
      add(item.with, item.file);
      ownerOfTranscript.set(item.file, item.with);
    }
    if (item.becomes === 'transcriptOnly') ownerOfTranscript.set(item.file, item.file);
  }
  for (const item of plan.items) {
    const owner = item.becomes === 'companion' && item.with ? ownerOfTranscript.get(item.with) : undefined;
    if (owner) add(owner, item.file);
  }
  return parts;
}
