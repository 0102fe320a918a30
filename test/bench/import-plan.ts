import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { wavHeader } from '../../electron/backend/media/wav-writer';
import type { ImportPlan } from '../../shared/api';
import { resourcesDir, tempDir } from '../support/paths';
import { median, round } from './stats';

const PATTERN = '{*}_AGENT_{agent}_DT_{datetime:yyyy-MM-ddTHH-mm-ss}_{direction}';

/**
 * The import plan of a recorder's folder of thousands of calls (names like
 * `<guid>_AGENT_<name>_DT_<time>_in.wav`, a transcript beside every fourth): `import.preview` with the
 * file-name pattern against the same preview without it (the baseline: scanning and sorting the files),
 * and the size of the plan the window receives.
 */
export async function benchImportPlan(quick: boolean): Promise<Record<string, number>> {
  const files = quick ? 1000 : 5000;
  const rounds = quick ? 2 : 5;
  const data = tempDir('earmark-bench-plan-');
  const folder = tempDir('earmark-bench-recorder-');
  let backend: Backend | undefined;
  try {
    const wav = Buffer.concat([wavHeader(1, 8000, 160), Buffer.alloc(160)]);
    const agents = ['Anna_Keller', 'Ben_Ott', 'Cara_Lind', 'Dieter_Maas'];
    for (let n = 0; n < files; n++) {
      const day = String(1 + (n % 28)).padStart(2, '0');
      const stem = `${n.toString(16).padStart(8, '0')}-77b4-4d0e-9a51-0c2d8e6b1f00_AGENT_${agents[n % 4]}_DT_2026-03-${day}T14-30-05_${n % 2 ? 'in' : 'out'}`;
      writeFileSync(join(folder.dir, `${stem}.wav`), wav);
      if (n % 4 === 0)
        writeFileSync(join(folder.dir, `${stem}.vtt`), 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Hello\n');
    }
    backend = await createBackend({ dataDir: data.dir, resourcesDir, version: 'bench', log: () => {} });
    const preview = async (namePattern: string) => {
      const started = performance.now();
      const plan = await backend!.imports.preview({ paths: [folder.dir], namePattern });
      return { ms: performance.now() - started, plan };
    };
    const plain: number[] = [];
    const patterned: number[] = [];
    let plan: ImportPlan | null = null;
    for (let n = 0; n < rounds; n++) {
      plain.push((await preview('')).ms);
      const run = await preview(PATTERN);
      patterned.push(run.ms);
      plan = run.plan;
    }
    const bytes = Buffer.byteLength(JSON.stringify(plan));
    return {
      plan_files: plan!.items.length,
      plan_preview_ms: round(median(patterned)),
      plan_preview_without_pattern_ms: round(median(plain)),
      plan_pattern_ratio: round(median(patterned) / median(plain), 2),
      plan_names_read: plan!.namePattern!.matched,
      plan_json_kb: round(bytes / 1024),
      plan_json_bytes_per_file: round(bytes / plan!.items.length),
    };
  } finally {
    await backend?.close();
    data.cleanup();
    folder.cleanup();
  }
}
