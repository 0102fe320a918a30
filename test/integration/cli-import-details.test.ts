import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, freshPostgresUrl, testEngine } from '../support/engines';
import { writeCalls } from '../support/library-fixture';
import { repoRoot, tempDir } from '../support/paths';

/** `earmark import` from source in a child process, as a script would run it. */
function earmark(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'electron', 'backend', 'cli.ts'),
        ...args,
        '--data',
        data.dir,
        ...(database ? ['--database', database] : []),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, EARMARK_DATABASE: '' } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

const folder = tempDir('earmark-cli-calls-');
const data = tempDir('earmark-cli-data-');
/** The team's PostgreSQL when the run tests that engine; otherwise the data folder's SQLite file. */
let database: string | undefined;
beforeAll(async () => {
  if (testEngine() === 'postgres') database = await freshPostgresUrl();
});
afterAll(() => {
  folder.cleanup();
  data.cleanup();
});

interface Report {
  imported: { file: string; interactionIds: number[] }[];
  updated: { file: string; interactionIds: number[]; message?: string }[];
  skipped: { file: string; reason: string }[];
  failed: { file: string; error: string }[];
}

describeEachEngine('earmark import --manifest on recordings already imported', () => {
  it('updates their details, lists them as updated, and exits 0', async () => {
    const [first, second] = writeCalls(folder.dir, ['call-a', 'call-b']);
    const initial = await earmark(['import', folder.dir, '--json']);
    expect(initial.code).toBe(0);
    const imported = JSON.parse(initial.stdout) as Report;
    expect(imported.imported.map((i) => i.file)).toEqual([first, second]);
    expect(imported.updated).toEqual([]);

    const manifest = join(data.dir, 'agents.csv');
    writeFileSync(manifest, 'file,agent,team,direction\ncall-a.wav,Jonas Keller,Technik,outbound\n');
    const byContent = await earmark(['import', folder.dir, '--manifest', manifest, '--json']);
    expect(byContent.code).toBe(0);
    const report = JSON.parse(byContent.stdout) as Report;
    expect(report).toMatchObject({
      imported: [],
      updated: [
        {
          file: first,
          with: [],
          interactionIds: imported.imported[0]!.interactionIds,
          message: expect.any(String),
        },
      ],
      skipped: [{ file: second, reason: 'This recording is already in the library.' }],
      failed: [],
    });

    // The manifest alone finds the recordings by their file names.
    writeFileSync(manifest, 'file,agent,team,direction\ncall-b.wav,Lena Vogel,Werkstatt,inbound\n');
    const byName = await earmark(['import', '--manifest', manifest]);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain(`updated   ${second}`);
    expect(byName.stdout).toContain('0 imported, 1 updated, 0 skipped, 0 failed');

    // Once they all have their details, there is nothing left to do: every row is skipped, exit 0.
    const again = JSON.parse(
      (await earmark(['import', folder.dir, '--manifest', manifest, '--json'])).stdout,
    ) as Report;
    expect(again.updated).toEqual([]);
    expect(again.skipped).toHaveLength(2);
  }, 120_000);
});
