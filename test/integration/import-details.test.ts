import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { InteractionDetails } from '../../shared/api/methods/details';
import type { ReviewerProfile } from '../../shared/api/methods/profiles';
import { call } from '../support/backend';
import { describeEachEngine } from '../support/engines';
import { importPaths, writeCalls } from '../support/library-fixture';
import { sharedData, tempDir } from '../support/paths';
import { snapshotOf, type DataFolderSnapshot } from '../support/snapshot';

/**
 * Recordings imported without their manifest, the manifest imported later: the recordings already in
 * the library get the manifest's details (found by their content, or by their file name when only the
 * manifest is chosen), the import says how many it updated, and nothing else changes.
 */
let backend: Backend;
let cleanup: () => Promise<void>;
let folder: ReturnType<typeof tempDir>;
let elsewhere: ReturnType<typeof tempDir>;
const idOf = new Map<string, number>();

const details = (id: number) => call<InteractionDetails>(backend, 'interaction.get', { id });

/** Everything an import must not touch: recordings, transcripts, moments, evaluations, what each interaction is. */
async function untouched() {
  const q = backend.database.query;
  return {
    interactions: await q
      .selectFrom('interactions')
      .select(['id', 'kind', 'source', 'external_id', 'content_hash', 'duration_ms', 'created_at'])
      .orderBy('id')
      .execute(),
    recordings: await q.selectFrom('recordings').selectAll().orderBy('id').execute(),
    peaks: await q
      .selectFrom('peaks')
      .select((eb) => ['recording_id', eb.fn.countAll<number>().as('n')])
      .groupBy('recording_id')
      .orderBy('recording_id')
      .execute(),
    segments: await q.selectFrom('segments').selectAll().orderBy('id').execute(),
    moments: await q.selectFrom('moments').selectAll().orderBy('id').execute(),
    evaluations: await q.selectFrom('evaluations').selectAll().orderBy('id').execute(),
  };
}

// Each test on its own copy of one library: four calls and a chat export imported without details, a
// moment and a draft on the first call. The calls stay in `folder`, where they were imported from.
let library: DataFolderSnapshot<void>;
beforeAll(async () => {
  folder = tempDir('earmark-calls-');
  writeCalls(folder.dir, ['anruf-001', 'anruf-002', 'anruf-003', 'anruf-004']);
  // A chat export, imported without a manifest as well.
  copyFileSync(
    join(sharedData, 'chats', 'asappresearch__abcd', 'abcd_sample.json'),
    join(folder.dir, 'abcd_sample.json'),
  );
  library = await snapshotOf(async (backend) => {
    const { outcomes } = await importPaths(backend, [folder.dir]);
    for (const o of outcomes) idOf.set(o.file.split('/').pop()!, o.interactionIds[0]!);
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'imported',
      'imported',
      'imported',
      'imported',
      'imported',
    ]);
    // Review work already done on the calls: a moment and a draft evaluation.
    // Mia works at the workstation: the moment and the draft are hers.
    await call<ReviewerProfile>(backend, 'profile.create', { name: 'Mia', role: 'qa_supervisor' });
    await call(backend, 'moment.create', {
      interactionId: idOf.get('anruf-001.wav'),
      startMs: 200,
      comment: 'Greeting',
    });
    const [rubric] = await call<{ id: number }[]>(backend, 'rubric.list');
    await call(backend, 'evaluation.start', {
      interactionId: idOf.get('anruf-001.wav'),
      rubricId: rubric!.id,
    });
  });
}, 60_000);
afterAll(() => {
  library.discard();
  folder.cleanup();
});
beforeEach(async () => {
  elsewhere = tempDir('earmark-manifest-');
  ({ backend, cleanup } = await library.open());
});
afterEach(async () => {
  await cleanup();
  elsewhere.cleanup();
});

/** The first manifest: Jonas Keller's outbound call 001 and Lena Vogel's inbound call 002. */
async function firstManifest() {
  writeFileSync(
    join(folder.dir, 'liste.csv'),
    [
      'Datei;Mitarbeiter;Team;Beginn;Richtung;Warteschlange;Kundennummer',
      'anruf-001.wav;Jonas Keller;Technik;13.11.2026 14:05;ausgehend;Störung;K-881',
      'anruf-002.wav;Lena Vogel;Werkstatt;12.11.2026 09:30;eingehend;;',
    ].join('\n'),
  );
  return importPaths(backend, [folder.dir]);
}

describeEachEngine('a manifest imported after its recordings', () => {
  it('gives the recordings already there its details (matched by content), says how many, and changes nothing else', async () => {
    const before = await untouched();
    const count = (await call<{ total: number }>(backend, 'library.list', { limit: 1 })).total;

    const { progress, outcomes } = await firstManifest();

    const byFile = Object.fromEntries(outcomes.map((o) => [o.file.split('/').pop(), o.outcome]));
    expect(byFile).toEqual({
      'anruf-001.wav': 'updated',
      'anruf-002.wav': 'updated',
      'anruf-003.wav': 'skipped',
      'anruf-004.wav': 'skipped',
      'abcd_sample.json': 'skipped',
    });
    expect(progress).toMatchObject({ state: 'done', imported: 0, updated: 2, skipped: 3, failed: 0 });
    expect(await details(idOf.get('anruf-001.wav')!)).toMatchObject({
      agentName: 'Jonas Keller',
      teamName: 'Technik',
      direction: 'outbound',
      queue: 'Störung',
      customerRef: 'K-881',
      title: 'anruf 001',
    });
    expect((await details(idOf.get('anruf-001.wav')!)).startedAt).toMatch(/^2026-11-13T/);
    expect(await details(idOf.get('anruf-002.wav')!)).toMatchObject({ agentName: 'Lena Vogel', queue: null });
    expect(await details(idOf.get('anruf-003.wav')!)).toMatchObject({ agentName: null, startedAt: null });
    expect(await untouched()).toEqual(before);
    expect((await call<{ total: number }>(backend, 'library.list', { limit: 1 })).total).toBe(count);
    const agents = await call<{ name: string; interactionCount: number }[]>(backend, 'agent.list', {});
    expect(agents.map((a) => [a.name, a.interactionCount])).toEqual([
      ['Jonas Keller', 1],
      ['Lena Vogel', 1],
    ]);
  });

  it("gives the customer's rating from its column, and names a row whose rating is not one, changing nothing of it", async () => {
    await call(backend, 'interaction.updateDetails', {
      id: idOf.get('anruf-003.wav'),
      details: { customerRating: 'neutral' },
    });
    writeFileSync(
      join(folder.dir, 'liste.csv'),
      [
        'Datei;Mitarbeiter;Kundenurteil',
        'anruf-001.wav;Jonas Keller;schlecht',
        'anruf-002.wav;Lena Vogel;Gut',
        'anruf-003.wav;Lena Vogel;sehr gut',
      ].join('\n'),
    );
    const plan = await backend.imports.preview({ paths: [folder.dir] });
    expect(plan.manifest?.mapping).toMatchObject({ customerRating: 'Kundenurteil' });
    expect(plan.manifest?.errors).toEqual([
      { row: 4, message: "Row 4: customerRating 'sehr gut' is not bad, neutral or good" },
    ]);
    const first = plan.items.find((item) => item.file.endsWith('anruf-001.wav'))!;
    expect(first.details.customerRating).toEqual({ value: 'bad', from: 'manifest' });

    const { progress } = await importPaths(backend, [folder.dir]);
    expect(progress).toMatchObject({ updated: 2, failed: 0 });
    expect(await details(idOf.get('anruf-001.wav')!)).toMatchObject({ customerRating: 'bad' });
    expect(await details(idOf.get('anruf-002.wav')!)).toMatchObject({ customerRating: 'good' });
    // The refused row gives nothing: its call keeps the rating and the agent it had.
    expect(await details(idOf.get('anruf-003.wav')!)).toMatchObject({
      customerRating: 'neutral',
      agentName: null,
    });
  });

  it('gives new recordings the rating of their manifest row as they are imported', async () => {
    const fresh = join(elsewhere.dir, 'fresh');
    mkdirSync(fresh);
    // Tones of their own (the library's calls are the first four tones).
    const made = writeCalls(fresh, ['a', 'b', 'c', 'd', 'neu-1', 'neu-2']);
    for (const old of made.slice(0, 4)) rmSync(old);
    writeFileSync(
      join(fresh, 'manifest.csv'),
      'file,agent,customer rating\nneu-1.wav,Anna Berg,good\nneu-2.wav,Anna Berg,\n',
    );
    const { outcomes } = await importPaths(backend, [fresh]);
    const idFor = (name: string) => outcomes.find((o) => o.file.endsWith(name))!.interactionIds[0]!;
    expect(outcomes.filter((o) => o.outcome === 'imported')).toHaveLength(2);
    expect(await details(idFor('neu-1.wav'))).toMatchObject({
      customerRating: 'good',
      agentName: 'Anna Berg',
    });
    expect(await details(idFor('neu-2.wav'))).toMatchObject({ customerRating: null });
  });

  it('updates only the fields the manifest gives, and skips a row whose details are already there', async () => {
    await firstManifest();
    writeFileSync(
      join(folder.dir, 'liste.csv'),
      'Datei;Mitarbeiter\nanruf-001.wav;Jonas Keller\nanruf-002.wav;Anna Berg\n',
    );
    const { progress, outcomes } = await importPaths(backend, [folder.dir]);
    expect(progress).toMatchObject({ updated: 1, imported: 0 });
    expect(outcomes.find((o) => o.file.endsWith('anruf-001.wav'))).toMatchObject({
      outcome: 'skipped',
      message: expect.stringContaining('with the details the manifest gives'),
    });
    // Lena's team goes with her; Anna is named without one. Start time, direction, queue stay.
    expect(await details(idOf.get('anruf-002.wav')!)).toMatchObject({
      agentName: 'Anna Berg',
      teamName: 'Werkstatt',
      direction: 'inbound',
    });
    expect((await details(idOf.get('anruf-002.wav')!)).startedAt).toMatch(/^2026-11-12T/);
  });

  it('finds a recording by its content when the file was renamed since', async () => {
    const renamed = join(elsewhere.dir, 'renamed');
    mkdirSync(renamed);
    copyFileSync(join(folder.dir, 'anruf-003.wav'), join(renamed, '2026-11-14_0930_hotline.wav'));
    writeFileSync(
      join(renamed, 'manifest.csv'),
      'file,agent,team\n2026-11-14_0930_hotline.wav,Aino Jääskeläinen,Tuki\n',
    );
    const { progress } = await importPaths(backend, [renamed]);
    expect(progress).toMatchObject({ updated: 1, imported: 0 });
    expect(await details(idOf.get('anruf-003.wav')!)).toMatchObject({
      agentName: 'Aino Jääskeläinen',
      teamName: 'Tuki',
    });
  });

  it('finds recordings by their file names when only the manifest is chosen', async () => {
    const manifest = join(elsewhere.dir, 'nachgereicht.csv');
    writeFileSync(
      manifest,
      'Datei,Mitarbeiter,Team,Beginn\nANRUF-004.wav,Lena Vogel,Werkstatt,2026-11-15 08:00\nnot-imported.wav,Max,North,\n',
    );
    const plan = await backend.imports.preview({ paths: [manifest] });
    expect(plan).toMatchObject({ calls: 0, chatFiles: 0, detailUpdates: 1 });

    const before = await untouched();
    const { progress, outcomes } = await importPaths(backend, [manifest]);
    expect(progress).toMatchObject({ updated: 1, imported: 0, failed: 0 });
    expect(outcomes).toEqual([
      {
        file: join(folder.dir, 'anruf-004.wav'),
        outcome: 'updated',
        interactionIds: [idOf.get('anruf-004.wav')],
        message: expect.stringContaining('found by its file name'),
        warnings: [],
      },
    ]);
    expect(await details(idOf.get('anruf-004.wav')!)).toMatchObject({
      agentName: 'Lena Vogel',
      teamName: 'Werkstatt',
    });
    expect(await untouched()).toEqual(before);
    expect((await call<{ name: string }[]>(backend, 'agent.list', {})).some((a) => a.name === 'Max')).toBe(
      false,
    );
  });

  // Three import batches: a minute, as the import tests have, on a busy machine.
  it('does not guess between two recordings of the same file name', { timeout: 60_000 }, async () => {
    await firstManifest();
    const other = join(elsewhere.dir, 'other-day');
    mkdirSync(other);
    writeCalls(other, ['x', 'y', 'z', 'w', 'anruf-001']); // same name, different content
    await importPaths(backend, [join(other, 'anruf-001.wav')]);
    const manifest = join(elsewhere.dir, 'ambiguous.csv');
    writeFileSync(manifest, 'file,agent\nanruf-001.wav,Somebody Else\n');
    const { progress, outcomes } = await importPaths(backend, [manifest]);
    expect(progress).toMatchObject({ updated: 0, skipped: 1 });
    expect(outcomes[0]!.message).toMatch(
      /2 interactions in the library came from files named anruf-001\.wav/,
    );
    expect(await details(idOf.get('anruf-001.wav')!)).toMatchObject({ agentName: 'Jonas Keller' });
  });

  it('gives the chats of an export already there the details of its row', async () => {
    writeFileSync(
      join(folder.dir, 'liste.csv'),
      'Datei;Team;Mitarbeiter;Warteschlange\nabcd_sample.json;Chat;Sam Lee;Web\n',
    );
    const { progress, outcomes } = await importPaths(backend, [folder.dir]);
    expect(progress).toMatchObject({ updated: 1, imported: 0 });
    const chats = outcomes.find((o) => o.file.endsWith('abcd_sample.json'))!;
    expect(chats).toMatchObject({
      outcome: 'updated',
      message: expect.stringMatching(/gave 3 of them new details/),
    });
    for (const id of chats.interactionIds)
      expect(await details(id)).toMatchObject({ agentName: 'Sam Lee', teamName: 'Chat', queue: 'Web' });
  });
});
