import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { wavHeader } from '../../electron/backend/media/wav-writer';
import type { ImportOutcome, InteractionDetail } from '../../shared/api';
import { call } from '../support/backend';
import { describeEachEngine, engineBackend } from '../support/engines';
import { audioData, sharedData, tempDir } from '../support/paths';

const rel = (file: string) => file.slice(sharedData.length + 1);

/** What ../shared/data/README.md says each file is, as an import outcome. */
const expectedFailures: Record<string, RegExp> = {
  'audio/edge_cases/Azure-Samples__cognitive-services-speech-sdk/missing_wav_header.wav':
    /not audio Earmark can read/,
  'audio/edge_cases/Borewit__music-metadata/adts-0-frame.mp3': /holds no audio/,
  'audio/edge_cases/Borewit__music-metadata/corrupt.mkv': /damaged Matroska/,
  'audio/edge_cases/eshaz__wasm-audio-decoders/ogg.vorbis.invalid.mode.count.ogg': /damaged Ogg Vorbis/,
  'audio/edge_cases/ruuda__hound/fuzz/crash-24728523ef4be15c838293b676f6853e73723bf4.wav':
    /malformed fmt chunk/,
  'audio/edge_cases/ruuda__hound/fuzz/crash-b8447179832529c48f9c6bf17feab6337bbc78ea.wav':
    /malformed fmt chunk/,
  'audio/edge_cases/ruuda__hound/fuzz/crash-cbd757427cea12bd8a21f86cd8cf74d98ce56bee.wav':
    /malformed fmt chunk/,
  'audio/edge_cases/ruuda__hound/fuzz/crash-e5471f5b58397287b509db7d026e95f1724454f5.wav':
    /holds only 4 samples/,
  'audio/edge_cases/ruuda__hound/fuzz/crash-e879de4eb4d206c59e21f0e01def16457af80fdc.wav': /no fmt chunk/,
  'audio/edge_cases/ruuda__hound/fuzz/oom-48ae4cd061ff8578ad3f23dc87624bd365cf5216.wav': /no fmt chunk/,
};

/** A one-second 8 kHz tone: a recording no other file of the library has. */
function oneSecondTone(): Buffer {
  const samples = Buffer.alloc(8000 * 2);
  for (let i = 0; i < 8000; i++) samples.writeInt16LE(Math.round(8000 * Math.sin(i / 7)), i * 2);
  return Buffer.concat([wavHeader(1, 8000, samples.length), samples]);
}

let backend: Backend;
let cleanup: () => Promise<void>;
let outcomes: ImportOutcome[];

async function importAll(paths: string[], extra: object = {}) {
  const { batchId } = await backend.imports.start({
    paths,
    pairLegs: true,
    roles: {},
    copyRecordings: false,
    ...extra,
  });
  const progress = await backend.imports.wait(batchId);
  return { progress, outcomes: (await backend.imports.status(batchId)).outcomes };
}

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  ({ outcomes } = await importAll([sharedData]));
}, 120_000);
afterAll(() => cleanup());

describeEachEngine('importing every file in ../shared/data', () => {
  it('imports the good files and fails the broken ones, each with a message naming the file and the problem', () => {
    const failed = outcomes.filter((o) => o.outcome === 'failed');
    expect(Object.fromEntries(failed.map((o) => [rel(o.file), o.message]))).toEqual(
      Object.fromEntries(
        Object.entries(expectedFailures).map(([file, pattern]) => [file, expect.stringMatching(pattern)]),
      ),
    );
    for (const failure of failed) expect(failure.message).toContain(failure.file);
    expect(outcomes.filter((o) => o.outcome === 'imported')).toHaveLength(17);
  });

  it('turns the agent and caller legs into one stereo call with agent and customer channels', async () => {
    const pair = outcomes.find((o) => o.file.endsWith('Auto_Repairs_40_UTC_agent.wav'))!;
    const detail = await call<InteractionDetail>(backend, 'interaction.get', { id: pair.interactionIds[0] });
    expect(detail.recording).toMatchObject({
      channels: 2,
      sampleRate: 8000,
      channelRoles: ['agent', 'customer'],
    });
    expect(detail.recording!.durationMs / 1000).toBeCloseTo(245.4, 0);
    expect(outcomes.some((o) => o.file.endsWith('Auto_Repairs_40_UTC_caller.wav'))).toBe(false);
  });

  it('plays what Chromium cannot (GSM 6.10, AIFF-C A-law) from a transcoded copy', async () => {
    for (const name of ['gsm610.wav', 'M1F1-AlawC-AFsp.aif']) {
      const outcome = outcomes.find((o) => o.file.endsWith(name))!;
      const detail = await call<InteractionDetail>(backend, 'interaction.get', {
        id: outcome.interactionIds[0],
      });
      const media = await backend.mediaFile(detail.recording!.id);
      expect(media.mimeType, name).toBe('audio/wav');
      expect(media.path, name).not.toBe(outcome.file);
    }
  });

  it('joins the STM transcript and its RTTM to the recording of the same name', async () => {
    const outcome = outcomes.find((o) => o.file.endsWith('pyannote__pyannote-audio/sample.wav'))!;
    expect(outcome.message).toMatch(/Speaker roles were guessed \(Diane → agent, Sheila → customer\)/);
    const detail = await call<InteractionDetail>(backend, 'interaction.get', {
      id: outcome.interactionIds[0],
    });
    expect(detail.segments).toHaveLength(13);
    expect(detail.segments[6]).toMatchObject({
      speaker: 'agent',
      text: 'This is Diane in New Jersey.',
      startMs: 12542,
    });
  });

  it('keeps a transcript without its recording as a call to read', async () => {
    const outcome = outcomes.find((o) => o.file.endsWith('testfile.json'))!;
    const detail = await call<InteractionDetail>(backend, 'interaction.get', {
      id: outcome.interactionIds[0],
    });
    expect(detail.recording).toBeNull();
    expect(detail.segments).toHaveLength(12);
    expect(detail.durationMs).toBe(28670);
  });

  it('makes one chat per dialogue of ABCD and SGD', async () => {
    const chats = await call<{ total: number }>(backend, 'library.list', {
      filters: { kind: 'chat' },
      limit: 1,
    });
    expect(chats.total).toBe(3 + 128 + 128);
    const abcd = outcomes.find((o) => o.file.endsWith('abcd_sample.json'))!;
    const first = await call<InteractionDetail>(backend, 'interaction.get', { id: abcd.interactionIds[0] });
    expect(first.segments.some((segment) => segment.speaker === 'system')).toBe(true); // ABCD's agent actions
  });

  it('finds imported text by full-text search', async () => {
    const hits = await call<{ total: number }>(backend, 'library.list', {
      filters: { text: '"ask not what your country"' },
    });
    expect(hits.total).toBe(0); // the JFK clips come without transcripts: audio alone is not searchable
    const chat = await call<{ total: number }>(backend, 'library.list', { filters: { text: 'balance' } });
    expect(chat.total).toBeGreaterThan(0);
  });

  it('skips everything on a second import of the same content, and adds nothing', async () => {
    const before = await call<{ total: number }>(backend, 'library.list', { limit: 1 });
    const again = await importAll([sharedData]);
    expect(again.outcomes.filter((o) => o.outcome === 'imported')).toEqual([]);
    expect(again.outcomes.filter((o) => o.outcome === 'skipped')).toHaveLength(17);
    const after = await call<{ total: number }>(backend, 'library.list', { limit: 1 });
    expect(after.total).toBe(before.total);
  });
});

describeEachEngine('a manifest', () => {
  it('gives calls their agent, team, start time and direction from German headers', async () => {
    const folder = tempDir();
    try {
      // rede.mp3 is ../shared/data's jfk.mp3 under another name, imported above without details: not
      // imported again, but given the manifest's details. neu.wav is new: in with its details from the start.
      cpSync(join(audioData, 'ggerganov__whisper.cpp', 'jfk.mp3'), join(folder.dir, 'rede.mp3'));
      writeFileSync(join(folder.dir, 'neu.wav'), oneSecondTone());
      writeFileSync(
        join(folder.dir, 'liste.csv'),
        'Datei;Mitarbeiter;Team;Beginn;Richtung\n' +
          'rede.mp3;Jonas Keller;Technik;13.11.2026 14:05;ausgehend\n' +
          'neu.wav;Mia Berg;Vertrieb;14.11.2026 14:05;eingehend\n',
      );
      const { outcomes: result } = await importAll([folder.dir]);
      const outcome = (name: string) => result.find((o) => o.file.endsWith(`/${name}`))!;
      expect(outcome('rede.mp3')).toMatchObject({ outcome: 'updated' });
      expect(outcome('neu.wav')).toMatchObject({ outcome: 'imported' });
      const detail = (name: string) =>
        call<InteractionDetail>(backend, 'interaction.get', { id: outcome(name).interactionIds[0] });
      const rede = await detail('rede.mp3');
      expect(rede).toMatchObject({
        title: expect.stringMatching(/jfk/i),
        agentName: 'Jonas Keller',
        teamName: 'Technik',
        direction: 'outbound',
      });
      expect(rede.startedAt).toMatch(/^2026-11-13T/);
      const neu = await detail('neu.wav');
      expect(neu).toMatchObject({ agentName: 'Mia Berg', teamName: 'Vertrieb', direction: 'inbound' });
      expect(neu.startedAt).toMatch(/^2026-11-14T/);
    } finally {
      folder.cleanup();
    }
  });

  it('previews the mapping, and the import remembers it for the next manifest with those columns', async () => {
    const folder = tempDir();
    try {
      mkdirSync(join(folder.dir, 'a'));
      writeFileSync(join(folder.dir, 'a', 'm.csv'), 'Recording,Rep\nx.wav,Ann\n');
      const plan = await backend.imports.preview({ paths: [folder.dir] });
      expect(plan.manifest).toMatchObject({ columns: ['Recording', 'Rep'], remembered: false });
      const custom = { file: 'Recording', agent: 'Rep', title: 'Rep' };
      const { batchId } = await backend.imports.start({
        paths: [folder.dir],
        manifest: { path: join(folder.dir, 'a', 'm.csv'), mapping: custom },
      });
      await backend.imports.wait(batchId);
      const again = await backend.imports.preview({ paths: [folder.dir] });
      expect(again.manifest).toMatchObject({ mapping: custom, remembered: true });
    } finally {
      folder.cleanup();
    }
  });
});

describeEachEngine('import requests with bad input', () => {
  it('names a path that does not exist, and loses nothing', async () => {
    const before = await call<{ total: number }>(backend, 'library.list', { limit: 1 });
    const reply = await backend.dispatch('import.preview', { paths: ['/no/such/folder'] });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('/no/such/folder') },
    });
    const after = await call<{ total: number }>(backend, 'library.list', { limit: 1 });
    expect(after.total).toBe(before.total);
  });

  it('refuses empty and oversized requests with a typed error', async () => {
    expect(await backend.dispatch('import.start', { paths: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    expect(await backend.dispatch('import.start', { paths: [''] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    expect(await backend.dispatch('import.status', { batchId: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
