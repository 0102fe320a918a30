import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../../electron/backend/db/database';
import { findOrAddAgent } from '../../../electron/backend/services/people';
import {
  addRecording,
  probeRecording,
  type ProbedRecording,
} from '../../../electron/backend/services/recordings';
import { addSegments, segmentRows, type NewSegment } from '../../../electron/backend/services/segments';
import type { Speaker } from '../../../shared/api';
import { resourcesDir } from '../../support/paths';

/**
 * The demo's calls and chats as `demo.load` stores them (same titles, agents, teams, times, recordings
 * and searchable segments), written through the query layer so a test runs on either engine while the
 * demo loader is still SQLite only. The recordings stay where the installation keeps them (nothing is
 * copied into the data folder): these tests read rows, never play them. Replace with `demo.load` once
 * the loader is on the query layer.
 */

interface DemoManifest {
  calls: {
    id: string;
    title: string;
    agent: string;
    team: string;
    startedAt: string;
    direction: 'inbound' | 'outbound';
    queue: string;
    customerRef: string;
    file: string;
    channels: Speaker[];
    segments: { speaker: Speaker; startMs: number; endMs: number; text: string }[];
  }[];
  chats: {
    id: string;
    title: string;
    agent: string;
    team: string;
    startedAt: string;
    turns: { speaker: Speaker; at: string; text: string }[];
  }[];
}

const demoDir = join(resourcesDir, 'demo');
const manifest = JSON.parse(readFileSync(join(demoDir, 'manifest.json'), 'utf8')) as DemoManifest;
/** Probing decodes the audio; the files never change, so once per test file is enough. */
const probed = new Map<string, Promise<ProbedRecording>>();

export async function seedDemo(database: Database): Promise<void> {
  for (const call of manifest.calls) {
    let recording = probed.get(call.file);
    if (!recording) probed.set(call.file, (recording = probeRecording(join(demoDir, call.file))));
    const probe = await recording;
    await database.transaction(async (trx) => {
      const { id } = await trx
        .insertInto('interactions')
        .values({
          kind: 'call',
          title: call.title,
          external_id: call.id,
          source: 'demo',
          agent_id: await findOrAddAgent(trx, call.agent, call.team),
          started_at: call.startedAt,
          direction: call.direction,
          queue: call.queue,
          customer_ref: call.customerRef,
          duration_ms: probe.analysis.durationMs,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addRecording(trx, id, probe, call.channels);
      const segments: NewSegment[] = call.segments.map((s) => ({ ...s, sentAt: null }));
      await addSegments(database, trx, segmentRows(id, segments));
    });
  }
  for (const chat of manifest.chats) {
    const first = Date.parse(chat.turns[0]?.at ?? chat.startedAt);
    const last = Date.parse(chat.turns.at(-1)?.at ?? chat.startedAt);
    await database.transaction(async (trx) => {
      const { id } = await trx
        .insertInto('interactions')
        .values({
          kind: 'chat',
          title: chat.title,
          external_id: chat.id,
          source: 'demo',
          agent_id: await findOrAddAgent(trx, chat.agent, chat.team),
          started_at: chat.startedAt,
          direction: 'inbound',
          duration_ms: Math.max(0, last - first),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const segments: NewSegment[] = chat.turns.map((t) => ({
        speaker: t.speaker,
        startMs: null,
        endMs: null,
        sentAt: t.at,
        text: t.text,
      }));
      await addSegments(database, trx, segmentRows(id, segments));
    });
  }
}
