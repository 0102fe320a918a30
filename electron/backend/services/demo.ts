import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Speaker, type DemoStatus } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import { makeFilePrivate, mkdirPrivate } from '../data-folder/permissions';
import type { Db } from '../db/open';
import { upsertAgent } from './people';
import { insertRecording, probeRecording } from './recordings';
import { indexingNewSegments, insertSegments } from './segments';
import type { Database } from '../db/database';
import type { Query } from '../db/schema';
import { getSetting, writeSetting } from './settings';

const DemoCall = z.object({
  id: z.string(),
  title: z.string(),
  agent: z.string(),
  team: z.string(),
  startedAt: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  queue: z.string(),
  customerRef: z.string(),
  file: z.string(),
  durationMs: z.number().int(),
  channels: z.array(Speaker),
  segments: z.array(
    z.object({ speaker: Speaker, startMs: z.number().int(), endMs: z.number().int(), text: z.string() }),
  ),
});

const DemoChat = z.object({
  id: z.string(),
  title: z.string(),
  agent: z.string(),
  team: z.string(),
  startedAt: z.string(),
  turns: z.array(z.object({ speaker: Speaker, at: z.string(), text: z.string() })),
});

const DemoManifest = z.object({ version: z.literal(1), calls: z.array(DemoCall), chats: z.array(DemoChat) });

const SOURCE = 'demo';
const STATE_KEY = 'demo.state';

export async function demoStatus(q: Query): Promise<DemoStatus> {
  const state = await getSetting(q, STATE_KEY);
  return { offer: state === null, loaded: state === 'loaded' };
}

/** Stops offering the demo; once loaded, it stays loaded. Two windows declining at once agree. */
export async function declineDemo(database: Database): Promise<DemoStatus> {
  await database.query
    .insertInto('settings')
    .values({ key: STATE_KEY, value: 'declined' })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  return demoStatus(database.query);
}

/**
 * Loads the demo data set shipped in resources/demo: calls (copied into the data directory so they
 * outlive the installation) and chats. Each interaction goes in with its own transaction; ones already
 * loaded are skipped, so loading twice is harmless. SQLite only until recordings and segments (the
 * import's) are on the query layer: on PostgreSQL `db` answers `unavailable`.
 */
export async function loadDemo(
  db: Db,
  resourcesDir: string,
  dataDir: string,
): Promise<{ calls: number; chats: number }> {
  const demoDir = join(resourcesDir, 'demo');
  const manifest = readManifest(join(demoDir, 'manifest.json'));
  const mediaDir = join(dataDir, 'recordings', SOURCE);
  mkdirPrivate(mediaDir);
  const exists = db.prepare('SELECT 1 FROM interactions WHERE source = ? AND external_id = ?');
  const insertInteraction = db.prepare(
    `INSERT INTO interactions (kind, title, external_id, source, agent_id, started_at, direction, queue, customer_ref, duration_ms)
     VALUES (@kind, @title, @externalId, '${SOURCE}', @agentId, @startedAt, @direction, @queue, @customerRef, @durationMs)`,
  );
  let calls = 0;
  let chats = 0;

  for (const call of manifest.calls) {
    if (exists.get(SOURCE, call.id)) continue;
    const target = join(mediaDir, `${call.id}.wav`);
    copyFileSync(join(demoDir, call.file), target);
    makeFilePrivate(target); // a copy takes the shipped file's mode (0644)
    const probed = await probeRecording(target);
    db.transaction(() =>
      indexingNewSegments(db, () => {
        const interactionId = Number(
          insertInteraction.run({
            kind: 'call',
            title: call.title,
            externalId: call.id,
            agentId: upsertAgent(db, call.agent, call.team),
            startedAt: call.startedAt,
            direction: call.direction,
            queue: call.queue,
            customerRef: call.customerRef,
            durationMs: probed.analysis.durationMs,
          }).lastInsertRowid,
        );
        insertRecording(db, interactionId, probed, call.channels);
        insertSegments(
          db,
          interactionId,
          call.segments.map((s) => ({ ...s, sentAt: null })),
        );
      }),
    )();
    calls++;
  }

  for (const chat of manifest.chats) {
    if (exists.get(SOURCE, chat.id)) continue;
    db.transaction(() =>
      indexingNewSegments(db, () => {
        const first = Date.parse(chat.turns[0]?.at ?? chat.startedAt);
        const last = Date.parse(chat.turns.at(-1)?.at ?? chat.startedAt);
        const interactionId = Number(
          insertInteraction.run({
            kind: 'chat',
            title: chat.title,
            externalId: chat.id,
            agentId: upsertAgent(db, chat.agent, chat.team),
            startedAt: chat.startedAt,
            direction: 'inbound',
            queue: null,
            customerRef: null,
            durationMs: Math.max(0, last - first),
          }).lastInsertRowid,
        );
        insertSegments(
          db,
          interactionId,
          chat.turns.map((t) => ({
            speaker: t.speaker,
            startMs: null,
            endMs: null,
            sentAt: t.at,
            text: t.text,
          })),
        );
      }),
    )();
    chats++;
  }
  writeSetting(db, STATE_KEY, 'loaded');
  return { calls, chats };
}

function readManifest(path: string): z.infer<typeof DemoManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EarmarkError(
      'not_found',
      `The demo data set could not be read from ${path}: ${(error as Error).message}`,
    );
  }
  const parsed = DemoManifest.safeParse(raw);
  if (!parsed.success)
    throw new EarmarkError('internal', `The demo manifest ${path} is malformed: ${parsed.error.message}`);
  return parsed.data;
}
