import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
export const resourcesDir = join(repoRoot, 'resources');
/** Real-world media and transcripts beside the repo (../shared/data); see its README for origins. */
export const sharedData = resolve(repoRoot, '..', 'shared', 'data');
export const audioData = join(sharedData, 'audio');

/** A fresh temp directory and its cleanup. */
export function tempDir(prefix = 'earmark-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
