import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../electron/backend/backend';
import { wavHeader } from '../../electron/backend/media/wav-writer';

/** A one-second mono tone: a recording whose content (and so its hash) differs with the pitch. */
export function writeToneWav(path: string, hertz: number, seconds = 1): void {
  const sampleRate = 8000;
  const samples = Buffer.alloc(sampleRate * seconds * 2);
  for (let i = 0; i < sampleRate * seconds; i++)
    samples.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hertz * i) / sampleRate)), i * 2);
  writeFileSync(path, Buffer.concat([wavHeader(1, sampleRate, samples.length), samples]));
}

/** Writes calls named `<name>.wav` (each a different tone) into `dir`. */
export function writeCalls(dir: string, names: readonly string[]): string[] {
  return names.map((name, index) => {
    const path = join(dir, `${name}.wav`);
    writeToneWav(path, 300 + 40 * index);
    return path;
  });
}

/** Runs an import batch to its end, as the app does, and returns its progress and per-file outcomes. */
export async function importPaths(backend: Backend, paths: string[], manifest?: string) {
  const { batchId } = await backend.imports.start({
    paths,
    ...(manifest ? { manifest: { path: manifest } } : {}),
  });
  const progress = await backend.imports.wait(batchId);
  return { progress, outcomes: (await backend.imports.status(batchId)).outcomes };
}
