import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { wavHeader } from '../../electron/backend/media/wav-writer';
import type { ImportPlan, ImportRequest, InteractionDetail, PlanItem } from '../../shared/api';
import { call } from '../support/backend';
import { earmarkCli } from '../support/cli';
import { describeEachEngine, engineBackend, freshPostgresUrl, testEngine } from '../support/engines';
import { audioData, repoRoot, sharedData, tempDir } from '../support/paths';

const lca = join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics');
const pyannote = join(audioData, 'pyannote__pyannote-audio');
const pca = join(audioData, 'aws-samples__amazon-transcribe-post-call-analytics', 'testfile.json');

let backend: Backend;
let cleanup: () => Promise<void>;
const folders: { cleanup: () => void }[] = [];
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
});
afterAll(async () => {
  await cleanup();
  for (const folder of folders) folder.cleanup();
});

function folder(files: Record<string, string | Buffer>): string {
  const made = tempDir('earmark-plan-');
  folders.push(made);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(made.dir, name, '..'), { recursive: true });
    if (typeof content === 'string' && content.startsWith('copy:'))
      copyFileSync(content.slice(5), join(made.dir, name));
    else writeFileSync(join(made.dir, name), content);
  }
  return made.dir;
}

/** A short mono WAV whose samples differ by `seed`, so each file is a recording of its own. */
function tone(seed: number): Buffer {
  const samples = Buffer.alloc(8000 * 2);
  for (let i = 0; i < 8000; i++)
    samples.writeInt16LE(Math.round(8000 * Math.sin((i * (seed + 3)) / 40)), i * 2);
  return Buffer.concat([wavHeader(1, 8000, samples.length), samples]);
}

async function preview(request: ImportRequest): Promise<ImportPlan> {
  return call<ImportPlan>(backend, 'import.preview', request);
}
async function runImport(request: ImportRequest) {
  const { batchId } = await backend.imports.start(request);
  await backend.imports.wait(batchId);
  return (await backend.imports.status(batchId)).outcomes;
}
const item = (plan: ImportPlan, name: string): PlanItem => {
  const found = plan.items.find((i) => i.file.endsWith(`/${name}`));
  if (!found) throw new Error(`${name} is not in the plan`);
  return found;
};
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => resolve(dir, name))
    .filter((path) => statSync(path).isFile() && !path.split('/').some((part) => part.startsWith('.')));
}

describeEachEngine('the import plan lists every file with what it becomes', () => {
  it('accounts for every file of ../shared/data exactly once', async () => {
    const plan = await preview({ paths: [sharedData], pairLegs: true });
    expect(plan.items.map((i) => i.file).sort()).toEqual(filesUnder(sharedData).sort());
    expect(item(plan, 'Auto_Repairs_40_UTC_agent.wav')).toMatchObject({
      becomes: 'twoLegCall',
      leg: 'agent',
      with: expect.stringMatching(/Auto_Repairs_40_UTC_caller\.wav$/),
      matchedBy: 'name',
      title: 'Auto Repairs 40 UTC',
    });
    expect(item(plan, 'Auto_Repairs_40_UTC_caller.wav')).toMatchObject({
      becomes: 'twoLegCall',
      leg: 'customer',
    });
    expect(item(plan, 'sample.stm')).toMatchObject({
      becomes: 'transcript',
      with: expect.stringMatching(/pyannote-audio\/sample\.wav$/),
      matchedBy: 'name',
    });
    expect(item(plan, 'sample.rttm')).toMatchObject({
      becomes: 'companion',
      with: expect.stringMatching(/sample\.stm$/),
    });
    expect(item(plan, 'testfile.json')).toMatchObject({ becomes: 'transcriptOnly', title: 'testfile' });
    expect(item(plan, 'abcd_sample.json')).toMatchObject({ becomes: 'chats' });
    expect(item(plan, 'README.md')).toMatchObject({ becomes: 'unrecognised', reason: 'text' });
    expect(plan.pairLegs).toBe(true);
  });

  it('says why each file it cannot import is left out', async () => {
    const dir = folder({
      'notes.docx': Buffer.from('PK\x03\x04 word/document.xml', 'latin1'),
      'empty.txt': '',
      'settings.json': '{"volume": 3}',
      'todo.txt': 'call Anna back on Monday\n',
      'photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]),
      'a/list.csv': 'file,agent\nx.wav,Ann\n',
      'b/other.csv': 'file,agent\ny.wav,Ben\n',
    });
    const plan = await preview({ paths: [dir] });
    const reasons = Object.fromEntries(
      plan.items.map((i) => [i.file.slice(dir.length + 1), [i.becomes, i.reason]]),
    );
    expect(reasons).toEqual({
      'a/list.csv': ['manifest', null],
      'b/other.csv': ['unrecognised', 'extraManifest'],
      'empty.txt': ['unrecognised', 'empty'],
      'notes.docx': ['unrecognised', 'archive'],
      'photo.png': ['unrecognised', 'binary'],
      'settings.json': ['unrecognised', 'json'],
      'todo.txt': ['unrecognised', 'text'],
    });
    expect(item(plan, 'other.csv').with).toBe(join(dir, 'a', 'list.csv'));
  });

  it('pairs two legs into one call titled without the leg', async () => {
    // One-second legs: the title is what this proves (import.test.ts decodes the real four-minute pair).
    const dir = folder({
      'Auto_Repairs_40_UTC_agent.wav': tone(41),
      'Auto_Repairs_40_UTC_caller.wav': tone(42),
    });
    const plan = await preview({ paths: [dir], pairLegs: true });
    expect(plan.calls).toBe(1);
    const [outcome] = await runImport({ paths: [dir], pairLegs: true });
    const detail = await call<InteractionDetail>(backend, 'interaction.get', {
      id: outcome!.interactionIds[0],
    });
    expect(detail.title).toBe('Auto Repairs 40 UTC');
  });
});

describeEachEngine('fixing a transcript match', () => {
  it('attaches a transcript whose name matches no recording to the recording the user picks', async () => {
    const dir = folder({ 'pca-export-7.json': `copy:${pca}`, 'call-0007.wav': tone(7) });
    const before = await preview({ paths: [dir] });
    expect(item(before, 'pca-export-7.json')).toMatchObject({ becomes: 'transcriptOnly', matchedBy: null });

    const request = {
      paths: [dir],
      transcriptMatches: { [join(dir, 'pca-export-7.json')]: join(dir, 'call-0007.wav') },
    };
    const after = await preview(request);
    expect(item(after, 'pca-export-7.json')).toMatchObject({
      becomes: 'transcript',
      with: join(dir, 'call-0007.wav'),
      matchedBy: 'user',
    });
    expect(after.calls).toBe(1);
    const outcomes = await runImport(request);
    expect(outcomes).toHaveLength(1);
    const detail = await call<InteractionDetail>(backend, 'interaction.get', {
      id: outcomes[0]!.interactionIds[0],
    });
    expect(detail.recording).not.toBeNull();
    expect(detail.segments).toHaveLength(12);
  });

  it('keeps a transcript apart as a transcript-only call when the user says so', async () => {
    const dir = folder({
      'sample.wav': `copy:${join(pyannote, 'sample.wav')}`,
      'sample.stm': `copy:${join(pyannote, 'sample.stm')}`,
      'sample.rttm': `copy:${join(pyannote, 'sample.rttm')}`,
    });
    const request = { paths: [dir], transcriptMatches: { [join(dir, 'sample.stm')]: null } };
    const plan = await preview(request);
    expect(item(plan, 'sample.stm')).toMatchObject({ becomes: 'transcriptOnly', matchedBy: 'user' });
    expect(item(plan, 'sample.rttm')).toMatchObject({ becomes: 'companion' });
    expect(item(plan, 'sample.wav')).toMatchObject({ becomes: 'call' });

    const outcomes = await runImport({
      ...request,
      roles: { [join(dir, 'sample.stm')]: { Diane: 'agent', Sheila: 'customer' } },
    });
    const transcript = outcomes.find((o) => o.file.endsWith('sample.stm'))!;
    expect(transcript).toMatchObject({ outcome: 'imported', message: null });
    const detail = await call<InteractionDetail>(backend, 'interaction.get', {
      id: transcript.interactionIds[0],
    });
    expect(detail).toMatchObject({ recording: null, title: 'sample' });
    expect(detail.segments).toHaveLength(13);
  });

  it('names a recording that is not in the import, and keeps the transcript', async () => {
    const dir = folder({ 'notes.json': `copy:${pca}` });
    const plan = await preview({
      paths: [dir],
      transcriptMatches: { [join(dir, 'notes.json')]: '/elsewhere/x.wav' },
    });
    expect(item(plan, 'notes.json').becomes).toBe('transcriptOnly');
    expect(plan.problems).toEqual([
      {
        file: join(dir, 'notes.json'),
        message: 'notes.json cannot join x.wav: it is not a recording in this import.',
      },
    ]);
  });
});

describeEachEngine('details from file names', () => {
  const PATTERN = '{*}_AGENT_{agent}_DT_{datetime:yyyy-MM-ddTHH-mm-ss}_{direction}';
  const anna = '3f2a9c1e-77b4-4d0e-9a51-0c2d8e6b1f00_AGENT_Anna_Keller_DT_2026-03-10T14-30-05_in.wav';
  const ben = '9b1c0d2e-1111-4a2b-8c3d-4e5f6a7b8c9d_AGENT_Ben_Ott_DT_2026-03-11T09-05-00_out.wav';
  const bad = 'aa11_AGENT_Cara_DT_2026-13-01T10-00-00_in.wav';

  it('previews what the pattern reads from each name, with the manifest winning where both say something', async () => {
    const dir = folder({
      [anna]: tone(1),
      [ben]: tone(2),
      [bad]: tone(3),
      'holiday.wav': tone(4),
      'manifest.csv': `file,agent,team\n${ben},Benjamin Ott,Billing\n`,
    });
    const plan = await preview({ paths: [dir], namePattern: PATTERN });
    expect(plan.namePattern).toEqual({ pattern: PATTERN, remembered: false, matched: 2, unmatched: 2 });
    expect(item(plan, anna)).toMatchObject({
      nameMatch: 'matched',
      details: {
        agent: { value: 'Anna Keller', from: 'pattern' },
        direction: { value: 'inbound', from: 'pattern' },
        startedAt: { value: new Date(2026, 2, 10, 14, 30, 5).toISOString(), from: 'pattern' },
      },
    });
    expect(item(plan, ben).details).toMatchObject({
      agent: { value: 'Benjamin Ott', from: 'manifest' },
      team: { value: 'Billing', from: 'manifest' },
      direction: { value: 'outbound', from: 'pattern' },
    });
    expect(item(plan, bad)).toMatchObject({
      nameMatch: 'notADate',
      details: {},
      problem: `${bad}: '2026-13-01T10:00:00' is not a calendar date`,
    });
    expect(item(plan, 'holiday.wav')).toMatchObject({ nameMatch: 'unmatched', details: {} });

    // Nothing is written by a preview; the import writes what was previewed.
    expect((await call<{ total: number }>(backend, 'library.list', { filters: { text: 'zzz' } })).total).toBe(
      0,
    );
    const outcomes = await runImport({ paths: [dir], namePattern: PATTERN });
    const annaCall = await call<InteractionDetail>(backend, 'interaction.get', {
      id: outcomes.find((o) => o.file.endsWith(anna))!.interactionIds[0],
    });
    expect(annaCall).toMatchObject({
      agentName: 'Anna Keller',
      direction: 'inbound',
      startedAt: new Date(2026, 2, 10, 14, 30, 5).toISOString(),
    });
    const benCall = await call<InteractionDetail>(backend, 'interaction.get', {
      id: outcomes.find((o) => o.file.endsWith(ben))!.interactionIds[0],
    });
    expect(benCall).toMatchObject({ agentName: 'Benjamin Ott', teamName: 'Billing', direction: 'outbound' });
  });

  it(
    'remembers the pattern for the folder once an import starts, and forgets it when cleared',
    { timeout: 60_000 },
    async () => {
      const dir = folder({ [anna]: tone(11) });
      expect((await preview({ paths: [dir] })).namePattern).toBeNull();
      await runImport({ paths: [dir], namePattern: PATTERN });
      const again = await preview({ paths: [dir] });
      expect(again.namePattern).toMatchObject({ pattern: PATTERN, remembered: true, matched: 1 });
      expect(item(again, anna).details.agent).toEqual({ value: 'Anna Keller', from: 'pattern' });
      await runImport({ paths: [dir], namePattern: '' });
      expect((await preview({ paths: [dir] })).namePattern).toBeNull();
    },
  );

  it('reads the real two-leg recordings of ../shared/data and applies it to the pair', async () => {
    const plan = await preview({ paths: [lca], pairLegs: true, namePattern: '{queue}_{*}_{id}_UTC_{*}' });
    expect(item(plan, 'Auto_Repairs_40_UTC_agent.wav').details).toEqual({
      queue: { value: 'Auto', from: 'pattern' },
      externalId: { value: '40', from: 'pattern' },
    });
    expect(plan.namePattern).toMatchObject({ matched: 1, unmatched: 0 });
  });

  it('refuses a bad pattern with the problem named', async () => {
    const dir = folder({ [anna]: tone(21) });
    expect(
      await backend.dispatch('import.preview', { paths: [dir], namePattern: '{agnt}_{date}' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_params',
        message: expect.stringContaining('{agnt} at character 1 is not a placeholder Earmark knows'),
      },
    });
    expect(
      await backend.dispatch('import.preview', { paths: [dir], namePattern: '{agent}_{date' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringContaining('is never closed with "}"') },
    });
  });
});

describeEachEngine('earmark import --json', () => {
  async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const data = tempDir('earmark-plan-cli-');
    folders.push(data);
    // A library of its own each time: in the data folder, or in a fresh PostgreSQL database.
    const database = testEngine() === 'postgres' ? ['--database', await freshPostgresUrl()] : [];
    return new Promise((done) => {
      const child = spawn(
        process.execPath,
        [...earmarkCli(), 'import', ...args, '--data', data.dir, ...database],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EARMARK_DATABASE: '' } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => done({ code, stdout, stderr }));
    });
  }

  it('accounts for every file given, each once, and reads details with --name-pattern', async () => {
    // Short stand-ins for the four-minute legs: the report's accounting is what this proves.
    const dir = folder({
      'Auto_Repairs_40_UTC_agent.wav': tone(43),
      'Auto_Repairs_40_UTC_caller.wav': tone(44),
      'diarized/sample.wav': `copy:${join(pyannote, 'sample.wav')}`,
      'diarized/sample.stm': `copy:${join(pyannote, 'sample.stm')}`,
      'diarized/sample.rttm': `copy:${join(pyannote, 'sample.rttm')}`,
      'pca-call.json': `copy:${pca}`,
      'broken.wav': Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunkjunk', 'latin1'),
      'notes.docx': Buffer.from('PK\x03\x04 word/document.xml', 'latin1'),
      'manifest.csv': 'file,team\nAuto_Repairs_40_UTC_agent.wav,Workshop\n',
      'old/manifest-2025.csv': 'file,team\nx.wav,Old\n',
    });
    const { code, stdout } = await cli([
      dir,
      '--json',
      '--pair-legs',
      '--name-pattern',
      '{queue}_{*}_{id}_UTC_{*}',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      imported: { file: string; with: string[] }[];
      skipped: { file: string; with: string[] }[];
      failed: { file: string; with: string[]; error: string }[];
      manifest: string | null;
      unrecognised: { file: string; reason: string }[];
    };
    const accounted = [
      ...[...report.imported, ...report.skipped, ...report.failed].flatMap((o) => [o.file, ...o.with]),
      ...(report.manifest ? [report.manifest] : []),
      ...report.unrecognised.map((u) => u.file),
    ];
    expect(accounted.sort()).toEqual(filesUnder(dir).sort());
    expect(report.imported.find((o) => o.file.endsWith('_agent.wav'))!.with).toEqual([
      join(dir, 'Auto_Repairs_40_UTC_caller.wav'),
    ]);
    expect(report.imported.find((o) => o.file.endsWith('sample.wav'))!.with).toEqual([
      join(dir, 'diarized', 'sample.stm'),
      join(dir, 'diarized', 'sample.rttm'),
    ]);
    expect(report.failed).toEqual([
      { file: join(dir, 'broken.wav'), with: [], error: expect.stringContaining('broken.wav') },
    ]);
    expect(report.unrecognised).toEqual([
      {
        file: join(dir, 'notes.docx'),
        reason: 'a ZIP archive or Office document that is not an .xlsx manifest',
      },
      {
        file: join(dir, 'old', 'manifest-2025.csv'),
        reason: `a second manifest: one import reads one (${join(dir, 'manifest.csv')})`,
      },
    ]);
  }, 120_000);

  it('refuses a bad --name-pattern before importing anything', async () => {
    const dir = folder({ 'a.wav': tone(31) });
    const { code, stderr } = await cli([dir, '--json', '--name-pattern', '{agent}{*}']);
    expect(code).toBe(1);
    expect(stderr).toContain('--name-pattern: {agent} and {*} follow each other at character 8');
  }, 60_000);
});
