import type { AudioSource } from '../sources/source';
import { planSplit } from './plan';
import { defaultParts, scanSplit, type SplitScan } from './scan';

export type { PartWorkerInput } from './scan';

/**
 * The peaks of an MP3 played as it is, decoded in parts at once on as many threads (see plan.ts and
 * scan.ts), or undefined when it is not worth splitting or cannot be split: the caller then decodes it
 * in one pass, as every other stream. `parts` overrides the default (scan.ts, defaultParts).
 */
export async function decodeSplit(
  source: AudioSource,
  parts: number | undefined,
  onProgress: (bytes: number) => void,
): Promise<SplitScan | undefined> {
  const stream = source.mpeg;
  // A transcode must be written in order; only a file played as it is needs no more than its peaks.
  if (!stream || !source.playableMimeType) return undefined;
  const count = parts ?? defaultParts(stream, source.sizeBytes);
  if (count < 2) return undefined;
  const plan = planSplit(source.path, source.sizeBytes, stream, count);
  return plan && (await scanSplit(source, plan, onProgress));
}
