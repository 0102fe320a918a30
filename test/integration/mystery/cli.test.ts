import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, resourcesDir, tempDir } from '../../support/paths';
import { csv, germanMapping, germanRow } from './sheet';

/** `earmark mystery ...` from the build (out/main/cli.js), as an agency's delivery script runs it. */
const cli = join(repoRoot, 'out', 'main', 'cli.js');

function earmark(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const work = tempDir();
const sheet = join(work.dir, 'welle1.csv');
const mapping = join(work.dir, 'mapping.json');
const recordings = join(work.dir, 'recordings');

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx electron-vite build\` first.`);
  mkdirSync(recordings);
  // The agency names recordings after the shop id; row 2's sheet names its file outright.
  copyFileSync(
    join(resourcesDir, 'demo', 'calls', 'demo-call-billing.wav'),
    join(recordings, 'W1-00001.wav'),
  );
  copyFileSync(
    join(resourcesDir, 'demo', 'calls', 'demo-call-insurance.wav'),
    join(recordings, 'anruf-2.wav'),
  );
  writeFileSync(
    mapping,
    JSON.stringify({ ...germanMapping, columns: { ...germanMapping.columns, Wetter: 'evidenceFile' } }),
  );
  writeFileSync(
    sheet,
    csv([
      germanRow(1, { Wetter: '' }),
      germanRow(2, { Wetter: 'anruf-2' }),
      germanRow(3, { Wetter: '', Begrüßung: 'vielleicht' }),
      germanRow(4, { Wetter: 'fehlt.wav' }),
    ]),
  );
});
afterAll(() => work.cleanup());

/** `earmark mystery import` of the sheet with its recordings into `dataDir`. */
const importSheet = (dataDir: string) =>
  earmark([
    'mystery',
    'import',
    sheet,
    '--mapping',
    mapping,
    '--recordings',
    recordings,
    '--json',
    '--data',
    dataDir,
  ]);

// Each test works in a data folder of its own and changes none of the shared files above.
describe('earmark mystery', () => {
  it('imports a sheet with recordings as evidence and prints {imported, skipped, failed}', async () => {
    const data = join(work.dir, 'data-import');
    const first = await importSheet(data);
    expect(first.code, first.stderr).toBe(1);
    const report = JSON.parse(first.stdout) as {
      imported: { row: number; shopId: string }[];
      skipped: unknown[];
      failed: { row: number; shopId: string; column: string; error: string }[];
    };
    expect(report.imported.map((r) => [r.row, r.shopId])).toEqual([
      [2, 'W1-00001'],
      [3, 'W1-00002'],
    ]);
    expect(report.skipped).toEqual([]);
    expect(report.failed.map((f) => [f.row, f.shopId, f.column])).toEqual([
      [4, 'W1-00003', 'Begrüßung'],
      [5, 'W1-00004', 'Wetter'],
    ]);
    expect(report.failed[1]!.error).toMatch(/row 5: column "Wetter": no file "fehlt.wav" in /);

    const again = await importSheet(data);
    const second = JSON.parse(again.stdout) as { imported: unknown[]; skipped: { shopId: string }[] };
    expect(second.imported).toEqual([]);
    expect(second.skipped.map((s) => s.shopId)).toEqual(['W1-00001', 'W1-00002']);
  });

  it('lists every shop with its details, score and evidence', async () => {
    const data = join(work.dir, 'data-list');
    await importSheet(data);
    const listed = await earmark(['mystery', 'list', '--json', '--data', data]);
    expect(listed.code, listed.stderr).toBe(0);
    const shops = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(shops).toHaveLength(2);
    for (const shop of shops) {
      expect(shop).toMatchObject({
        occurredAt: expect.stringMatching(/^2025-03-\d\dT10:30$/),
        channel: 'call',
        team: 'Berlin',
        scenario: 'Kündigung vor Ablauf',
        answeredBy: 'Frau, Name nicht genannt',
        percent: 88.9,
        result: 'pass',
        evidence: { recordingId: expect.any(Number) },
      });
    }
    expect(shops.map((s) => s.shopId)).toEqual(['W1-00001', 'W1-00002']);
    expect(new Set(shops.map((s) => (s.evidence as { recordingId: number }).recordingId)).size).toBe(2);
  });

  it('names a mapping that does not fit', async () => {
    const wrong = join(work.dir, 'wrong-mapping.json');
    writeFileSync(wrong, JSON.stringify({ ...germanMapping, rubric: 'no-such-checklist' }));
    const data = join(work.dir, 'data-wrong');
    const result = await earmark(['mystery', 'import', sheet, '--mapping', wrong, '--data', data]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/there is no rubric "no-such-checklist"/);
  });
});
