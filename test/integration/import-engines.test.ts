import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { describeEachEngine, engineBackend } from '../support/engines';
import { audioData, resourcesDir, sharedData, tempDir } from '../support/paths';

/**
 * The import on either engine: the call and chat fixtures of ../shared/data become the same library
 * (same interactions with the same details, recordings and segments, each segment searchable), whether
 * the backend runs on the workstation's SQLite or on PostgreSQL. On PostgreSQL the same files are also
 * imported into a SQLite backend and the two libraries compared row for row.
 */
const source = tempDir('earmark-import-engines-');
const chats = join(sharedData, 'chats');
const sgd = join(chats, 'google-research-datasets__dstc8-schema-guided-dialogue');
cpSync(join(chats, 'asappresearch__abcd', 'abcd_sample.json'), join(source.dir, 'abcd_sample.json'));
cpSync(join(sgd, 'test', 'dialogues_008.json'), join(source.dir, 'dialogues_008.json'));
for (const file of ['sample.wav', 'sample.stm', 'sample.rttm'])
  cpSync(join(audioData, 'pyannote__pyannote-audio', file), join(source.dir, file));
for (const leg of ['agent', 'caller'])
  cpSync(
    join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics', `Auto_Repairs_40_UTC_${leg}.wav`),
    join(source.dir, `Auto_Repairs_40_UTC_${leg}.wav`),
  );
cpSync(
  join(audioData, 'aws-samples__amazon-transcribe-post-call-analytics', 'testfile.json'),
  join(source.dir, 'testfile.json'),
);
mkdirSync(join(source.dir, 'list'));
// Agents and teams by name, one of them in another case than a team already made: found, not doubled.
writeFileSync(
  join(source.dir, 'list', 'manifest.csv'),
  'file,agent,team,started_at,direction\n' +
    'sample.wav,Diane Okafor,Escalations,2026-03-02T09:15:00Z,inbound\n' +
    'Auto_Repairs_40_UTC_agent.wav,Jonas Keller,ESCALATIONS,2026-03-02T10:00:00Z,outbound\n',
);

let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
}, 60_000);
afterAll(async () => {
  await cleanup();
  source.cleanup();
});

/** Imports the folder as the import screen does with its defaults, two-leg calls paired. */
async function importPaths(into: Backend, paths: string[]) {
  const { batchId } = await into.imports.start({ paths, pairLegs: true, roles: {}, copyRecordings: false });
  const progress = await into.imports.wait(batchId);
  return { progress, outcomes: (await into.imports.status(batchId)).outcomes };
}

/** The library as stored, engine-neutral: every interaction by content, with what hangs off it. */
async function library(of: Backend) {
  const q = of.database.query;
  const interactions = await q
    .selectFrom('interactions as i')
    .leftJoin('agents as a', 'a.id', 'i.agent_id')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .select([
      'i.id',
      'i.kind',
      'i.title',
      'i.external_id',
      'i.source',
      'i.started_at',
      'i.direction',
      'i.duration_ms',
      'i.content_hash',
      'a.name as agent',
      't.name as team',
    ])
    .orderBy('i.content_hash')
    .execute();
  const segments = await q
    .selectFrom('segments')
    .select(['interaction_id', 'seq', 'speaker', 'start_ms', 'end_ms', 'sent_at', 'text'])
    .orderBy('interaction_id')
    .orderBy('seq')
    .execute();
  const recordings = await q
    .selectFrom('recordings')
    .select(['interaction_id', 'codec', 'sample_rate', 'channels', 'duration_ms', 'channel_roles', 'sha256'])
    .execute();
  const peaks = await q
    .selectFrom('peaks')
    .select((eb) => ['recording_id', eb.fn.countAll<number>().as('levels')])
    .groupBy('recording_id')
    .execute();
  const teams = await q.selectFrom('teams').select('name').orderBy('name').execute();
  return interactions.map(({ id, ...interaction }) => ({
    ...interaction,
    segments: segments
      .filter((s) => s.interaction_id === id)
      .map(({ interaction_id: _id, ...segment }) => segment),
    recordings: recordings
      .filter((r) => r.interaction_id === id)
      .map(({ interaction_id: _id, ...recording }) => recording),
    peakRows: peaks.length,
    teams: teams.map((t) => t.name),
  }));
}

/** Segments the search index holds: SQLite's FTS5 rows, PostgreSQL's filled search documents. */
async function indexedSegments(of: Backend): Promise<number> {
  const counted =
    of.database.engine === 'sqlite'
      ? sql<{ n: number }>`SELECT count(*) AS n FROM segments_fts`
      : sql<{
          n: number;
        }>`SELECT count(*) AS n FROM segments JOIN segment_search ON segment_id = id AND search_document <> ''::tsvector`;
  return Number((await counted.execute(of.database.query)).rows[0]!.n);
}

describeEachEngine('importing calls and chats', (engine) => {
  it('makes one chat per dialogue, a stereo call of two legs, calls with their transcripts, and agents by name', async () => {
    const { progress, outcomes } = await importPaths(backend, [source.dir]);
    expect(outcomes.filter((o) => o.outcome === 'failed')).toEqual([]);
    expect(progress).toMatchObject({ state: 'done', imported: 5, failed: 0 });

    const stored = await library(backend);
    expect(stored.filter((i) => i.kind === 'chat')).toHaveLength(3 + 128);
    const pair = stored.find((i) => i.recordings[0]?.channels === 2)!;
    expect(pair).toMatchObject({
      kind: 'call',
      agent: 'Jonas Keller',
      team: expect.stringMatching(/^escalations$/i),
      direction: 'outbound',
      recordings: [{ channels: 2, channel_roles: '["agent","customer"]' }],
    });
    const diane = stored.find((i) => i.agent === 'Diane Okafor')!;
    expect(diane.segments).toHaveLength(13);
    expect(diane.segments[6]).toMatchObject({
      speaker: 'agent',
      text: 'This is Diane in New Jersey.',
      start_ms: 12542,
    });
    const transcriptOnly = stored.find((i) => i.kind === 'call' && i.recordings.length === 0)!;
    expect(transcriptOnly).toMatchObject({ recordings: [], duration_ms: 28670 });
    expect(transcriptOnly.segments).toHaveLength(12);
    expect(diane.team).toBe(pair.team);
    expect(stored[0]!.teams).toEqual([pair.team]);
    expect(stored[0]!.peakRows).toBeGreaterThan(0);

    const segments = stored.reduce((sum, i) => sum + i.segments.length, 0);
    // Every turn of every dialogue (SGD's 1,830, ABCD's 72) and both transcripts (13 + 12).
    expect(segments).toBe(1830 + 72 + 13 + 12);
    expect(await indexedSegments(backend)).toBe(segments);

    if (engine === 'postgres') {
      // The same files into the workstation's SQLite: the very same library.
      const folder = tempDir();
      const reference = await createBackend({
        dataDir: folder.dir,
        resourcesDir,
        version: '0.0.0-test',
        log: () => {},
      });
      try {
        await importPaths(reference, [source.dir]);
        expect(stored).toEqual(await library(reference));
      } finally {
        await reference.close();
        folder.cleanup();
      }
    }
  }, 180_000);

  it('adds nothing on a second import of the same files, whose manifest gives the details already there', async () => {
    const before = await library(backend);
    expect(before.length).toBeGreaterThan(0); // the test above imported them
    const { outcomes } = await importPaths(backend, [source.dir]);
    expect(outcomes.map((o) => o.outcome)).toEqual(Array(5).fill('skipped'));
    expect(outcomes.filter((o) => o.outcome === 'imported' || o.outcome === 'failed')).toEqual([]);
    expect(await library(backend)).toEqual(before);
  }, 120_000);
});
