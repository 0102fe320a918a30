import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Speaker, type DemoStatus } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import { nowIso } from '../clock';
import { makeFilePrivate, mkdirPrivate } from '../data-folder/permissions';
import type { Database } from '../db/database';
import type { NewRow, Query } from '../db/schema';
import { findOrAddAgent } from './people';
import { addRecording, probeRecording, type ProbedRecording } from './recordings';
import { addSegments, segmentRows } from './segments';
import { getSetting, putSetting } from './settings';

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
 * outlive the installation) and chats, on either engine. The recordings are copied and analysed first;
 * then everything goes in with one transaction, so the library never shows half a demo. Ones already
 * loaded are skipped, so loading twice (even from two servers at once) is harmless.
 */
export async function loadDemo(
  database: Database,
  resourcesDir: string,
  dataDir: string,
): Promise<{ calls: number; chats: number }> {
  const demoDir = join(resourcesDir, 'demo');
  const manifest = readManifest(join(demoDir, 'manifest.json'));
  const mediaDir = join(dataDir, 'recordings', SOURCE);
  mkdirPrivate(mediaDir);
  const before = await loadedIds(database.query);
  // Files before the transaction: on SQLite one that waits on anything but the database is refused.
  const probed = new Map<string, ProbedRecording>();
  for (const call of manifest.calls) {
    if (before.has(call.id)) continue;
    const target = join(mediaDir, `${call.id}.wav`);
    copyRecording(join(demoDir, call.file), target);
    probed.set(call.id, await probeRecording(target));
  }

  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const segments: NewRow<'segments'>[] = [];
    let calls = 0;
    let chats = 0;
    for (const call of manifest.calls) {
      const recording = probed.get(call.id);
      if (!recording) continue;
      const interactionId = await addInteraction(trx, call.id, {
        kind: 'call',
        title: call.title,
        agent_id: await findOrAddAgent(trx, call.agent, call.team),
        started_at: call.startedAt,
        direction: call.direction,
        queue: call.queue,
        customer_ref: call.customerRef,
        duration_ms: recording.analysis.durationMs,
        created_at: at,
      });
      if (interactionId === null) continue;
      await addRecording(trx, interactionId, recording, call.channels);
      segments.push(
        ...segmentRows(
          interactionId,
          call.segments.map((s) => ({ ...s, sentAt: null })),
        ),
      );
      calls++;
    }
    for (const chat of manifest.chats) {
      if (before.has(chat.id)) continue;
      const first = Date.parse(chat.turns[0]?.at ?? chat.startedAt);
      const last = Date.parse(chat.turns.at(-1)?.at ?? chat.startedAt);
      const interactionId = await addInteraction(trx, chat.id, {
        kind: 'chat',
        title: chat.title,
        agent_id: await findOrAddAgent(trx, chat.agent, chat.team),
        started_at: chat.startedAt,
        direction: 'inbound',
        queue: null,
        customer_ref: null,
        duration_ms: Math.max(0, last - first),
        created_at: at,
      });
      if (interactionId === null) continue;
      segments.push(
        ...segmentRows(
          interactionId,
          chat.turns.map((t) => ({
            speaker: t.speaker,
            startMs: null,
            endMs: null,
            sentAt: t.at,
            text: t.text,
          })),
        ),
      );
      chats++;
    }
    await addSegments(database, trx, segments);
    await putSetting(trx, STATE_KEY, 'loaded');
    return { calls, chats };
  });
}

async function loadedIds(q: Query): Promise<Set<string>> {
  const rows = await q
    .selectFrom('interactions')
    .select('external_id')
    .where('source', '=', SOURCE)
    .where('external_id', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.external_id!));
}

type DemoInteraction = Omit<NewRow<'interactions'>, 'source' | 'external_id'>;

/**
 * Adds one demo interaction and returns its id, or null when it is already there: another load (a second
 * server on the same PostgreSQL) got in first, and its copy stands.
 */
async function addInteraction(trx: Query, externalId: string, row: DemoInteraction): Promise<number | null> {
  const added = await trx
    .insertInto('interactions')
    .values({ ...row, source: SOURCE, external_id: externalId })
    .onConflict((conflict) =>
      conflict.columns(['source', 'external_id']).where('external_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return added?.id ?? null;
}

/**
 * Copies a shipped recording into the data folder, readable by this user only. Through a temporary
 * name, so a second load at the same time never shows the first a half-written file.
 */
function copyRecording(shipped: string, target: string): void {
  const partial = `${target}.${process.pid}-${randomUUID()}.part`;
  try {
    copyFileSync(shipped, partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new EarmarkError(
      'not_found',
      `The demo recording ${shipped} could not be copied: ${(error as Error).message}`,
    );
  }
  makeFilePrivate(partial); // a copy takes the shipped file's mode (0644)
  renameSync(partial, target);
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
