import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../../electron/backend/db/database';
import {
  addRecording,
  probeRecording,
  type ProbedRecording,
} from '../../../electron/backend/services/recordings';
import type { Segment } from '../../../shared/api';
import { resourcesDir } from '../../support/paths';

/**
 * What the review tests read, written straight through the query layer so that it works on either
 * engine before the import and the demo loader are converted: the demo's first call (its real stereo
 * recording and transcript) and its first chat, each added afresh by the test that reads it.
 */

interface DemoManifest {
  calls: {
    file: string;
    segments: { speaker: 'agent' | 'customer'; startMs: number; endMs: number; text: string }[];
  }[];
  chats: { turns: { speaker: 'agent' | 'customer'; at: string; text: string }[] }[];
}

const demo = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'manifest.json'), 'utf8')) as DemoManifest;
let probed: Promise<ProbedRecording> | undefined;

export interface SeededCall {
  interactionId: number;
  recordingId: number;
  durationMs: number;
  segments: Segment[];
}

/** A call with the demo's billing recording (27.8 s, agent left, customer right) and its transcript. */
export async function seedCall(database: Database, title = 'Double charge on invoice'): Promise<SeededCall> {
  const call = demo.calls[0]!;
  const recording = await (probed ??= probeRecording(join(resourcesDir, 'demo', call.file)));
  const segments: Segment[] = call.segments.map((s, seq) => ({ seq, sentAt: null, ...s }));
  return database.transaction(async (trx) => {
    const { id: interactionId } = await trx
      .insertInto('interactions')
      .values({ kind: 'call', title, source: 'test', duration_ms: recording.analysis.durationMs })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertSegments(trx, interactionId, segments);
    const recordingId = await addRecording(trx, interactionId, recording, ['agent', 'customer']);
    return { interactionId, recordingId, durationMs: recording.analysis.durationMs, segments };
  });
}

/** A chat of the demo (turns without times). */
export async function seedChat(database: Database, title = 'Returning a faulty router'): Promise<number> {
  const segments: Segment[] = demo.chats[0]!.turns.map((turn, seq) => ({
    seq,
    speaker: turn.speaker,
    startMs: null,
    endMs: null,
    sentAt: turn.at,
    text: turn.text,
  }));
  return database.transaction(async (trx) => {
    const { id } = await trx
      .insertInto('interactions')
      .values({ kind: 'chat', title, source: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertSegments(trx, id, segments);
    return id;
  });
}

async function insertSegments(trx: Database['query'], interactionId: number, segments: Segment[]) {
  await trx
    .insertInto('segments')
    .values(
      segments.map((s) => ({
        interaction_id: interactionId,
        seq: s.seq,
        speaker: s.speaker,
        start_ms: s.startMs,
        end_ms: s.endMs,
        sent_at: s.sentAt,
        text: s.text,
      })),
    )
    .execute();
}

/** A reviewer profile (an author of moments), without a passphrase. */
export async function seedProfile(database: Database, name: string): Promise<number> {
  const { id } = await database.query
    .insertInto('reviewer_profiles')
    .values({ name, role: 'qa_supervisor', created_at: new Date(0).toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
