import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../data-folder/process';
import type { AnalyzeInput, RecordingAnalysis } from '../media/analyze';
import { runWorker, type RunOptions } from './run';

export type { AnalyzeInput, RecordingAnalysis } from '../media/analyze';

/** `.<pid>-<uuid>.wav.partial`: the owning process is in the name, so leftovers of dead ones can be told apart. */
const PARTIAL = /^\.(\d+)-[0-9a-f-]+\.wav\.partial$/;

/**
 * Analyses a recording in the `analyze` worker: progress in bytes read, cancellation through the
 * signal, failures as EarmarkError('unsupported_media', ...) naming the file. The transcode (if any)
 * is written to a `.partial` file chosen here, so that whatever happens to the worker (an error, a
 * cancel, a crash) the half-written file is removed and never mistaken for a whole one. A process
 * killed outright cannot clean up after itself: its leftovers are swept by the next analysis.
 */
export async function analyzeRecording(
  input: Omit<AnalyzeInput, 'partialPath'>,
  options: RunOptions = {},
): Promise<RecordingAnalysis> {
  mkdirSync(input.outputDir, { recursive: true });
  sweepDeadPartials(input.outputDir);
  const partialPath = join(input.outputDir, `.${process.pid}-${randomUUID()}.wav.partial`);
  try {
    return await runWorker<AnalyzeInput, RecordingAnalysis>('analyze', { ...input, partialPath }, options);
  } finally {
    rmSync(partialPath, { force: true }); // renamed away on success; a leftover only after a failure
  }
}

/** Removes `.partial` files whose process is gone; those of live processes may still be being written. */
function sweepDeadPartials(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = PARTIAL.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}
