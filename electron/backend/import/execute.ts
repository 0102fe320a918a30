import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AudioDamage, ImportOutcome, ImportWarning, SegmentSpeaker } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { NewRow, Query } from '../db/schema';
import type { DetailsPatch } from '../../../shared/api/methods/details';
import { updateDetails } from '../services/interaction-details';
import { addSegments, segmentRows, type NewSegment } from '../services/segments';
import { addRecording, hashFile, probeRecording } from '../services/recordings';
import {
  parseChats,
  parseTranscript,
  type ManifestEntry,
  type ParsedChat,
  type ParsedTranscript,
} from './formats';
import { readTranscript, type DetailsUnit, type ImportUnit, type UnitDetails } from './plan';
import { findByHash, insertInteraction, insertInteractions, type NewInteraction } from './store';

export interface UnitOptions {
  /** Where transcoded and copied recordings go. */
  recordingsDir: string;
  roles: Record<string, Record<string, SegmentSpeaker>>;
  signal: AbortSignal;
  /** This unit's file read and parsed ahead (readChats), while the server indexed other files. */
  prepared?: PreparedChats | undefined;
}

/** A chat export read and parsed, or why it could not be: the unit's outcome says so when its turn comes. */
export interface PreparedChats {
  unit: ImportUnit;
  read: { chats: ParsedChat[]; hashes: string[] } | { error: unknown };
}

/**
 * Reads and parses a chat export ahead of its turn. On PostgreSQL the import worker does this for the
 * next file while the server indexes the files before it: the server and this thread work at once
 * instead of taking turns (a file's parse was about a fifth of its import's wall time).
 */
export function readChats(unit: ImportUnit): PreparedChats {
  try {
    return { unit, read: parsedChats(unit) };
  } catch (error) {
    return { unit, read: { error } };
  }
}

/**
 * What importing a read chat export could meet in the library, for files imported side by side (lanes.ts):
 * its chats' content hashes, their external ids, and the agents and teams they name (found or added).
 */
export function chatClaims(prepared: PreparedChats): Set<string> {
  const claims = new Set<string>();
  if ('error' in prepared.read) return claims;
  const { unit } = prepared;
  const { chats, hashes } = prepared.read;
  if (unit.details.team) claims.add(`team\u0000${unit.details.team.toLowerCase()}`);
  chats.forEach((chat, index) => {
    const details = chatDetails(chat, unit.details);
    claims.add(`hash\u0000${hashes[index]}`);
    if (details.externalId) claims.add(`external\u0000${details.externalId}`);
    if (details.agentName) claims.add(`agent\u0000${details.agentName.toLowerCase()}`);
  });
  return claims;
}

function parsedChats(unit: ImportUnit): { chats: ParsedChat[]; hashes: string[] } {
  const chats = parseChats({ fileName: basename(unit.file), text: readFileSync(unit.file, 'utf8') });
  const hashes = chats.map((chat) => sha256(`chat\n${chat.externalId}\n${JSON.stringify(chat.turns)}`));
  return { chats, hashes };
}

/**
 * Imports one unit (a call, a transcript, or a chat file) in one transaction: afterwards it is
 * either wholly in the library or not at all. The same content imported again is found by its hash and
 * skipped, or, when a manifest row describes it, given that row's details. Files are read, decoded and
 * hashed before the transaction, which then only writes.
 */
export async function importUnit(
  database: Database,
  unit: ImportUnit | DetailsUnit,
  options: UnitOptions,
): Promise<Omit<ImportOutcome, 'file'>> {
  if (unit.kind === 'chats') return importChats(database, unit, options);
  if (unit.kind === 'details') return updateByName(database, unit);

  const transcript = unit.transcript ? parseTranscript(readTranscript(unit.transcript)) : null;
  const assigned = transcript ? assignRoles(transcript, options.roles[unit.transcript!.path] ?? {}) : null;

  if (unit.kind === 'transcriptOnly') {
    const contentHash = sha256(`transcript\n${readTranscript(unit.transcript).text}`);
    const existing = await findByHash(database.query, contentHash);
    if (existing)
      return alreadyThere(database, existing, unit.entry, 'This transcript is already in the library.');
    const id = await importTransaction(database, async (trx) => {
      const interactionId = await insertInteraction(trx, {
        ...describe(unit, 'call'),
        contentHash,
        durationMs: transcript!.durationMs ?? maxEnd(assigned!.segments),
      });
      await addSegments(database, trx, segmentRows(interactionId, assigned!.segments));
      return interactionId;
    });
    return imported(
      [id],
      [
        ...(unit.keptByUser ? [] : [warning('no_recording', 'No recording was found for this transcript.')]),
        ...assigned!.warnings,
      ],
    );
  }

  const hashes = await Promise.all(unit.sources.map((source) => hashFile(source)));
  const contentHash = hashes.length === 1 ? hashes[0]! : sha256(hashes.join('\n'));
  const existing = await findByHash(database.query, contentHash);
  if (existing)
    return alreadyThere(database, existing, unit.entry, 'This recording is already in the library.');
  if (options.signal.aborted) throw new EarmarkError('conflict', 'The import was cancelled.');
  const probed = await probeRecording(unit.sources, options.recordingsDir, options.signal);
  const { analysis } = probed;
  const warnings: ImportWarning[] = [];
  if (analysis.damage) {
    warnings.push({ ...warning('damaged_audio', damageMessage(analysis.damage)), damage: analysis.damage });
  }
  if (analysis.durationMismatch) {
    warnings.push(
      warning(
        'duration_mismatch',
        `The file claims ${formatSeconds(analysis.claimedDurationMs)} but holds ${formatSeconds(analysis.durationMs)} of audio; it may be truncated.`,
      ),
    );
  }
  warnings.push(...(assigned?.warnings ?? []));
  const id = await importTransaction(database, async (trx) => {
    const interactionId = await insertInteraction(trx, {
      ...describe(unit, 'call'),
      contentHash,
      durationMs: probed.analysis.durationMs,
    });
    const roles = unit.sources.length === 2 ? (['agent', 'customer'] as const) : null;
    await addRecording(trx, interactionId, probed, roles ? [...roles] : null);
    if (assigned) await addSegments(database, trx, segmentRows(interactionId, assigned.segments));
    return interactionId;
  });
  return imported([id], warnings);
}

/**
 * A unit's transaction. On PostgreSQL it commits without waiting for the server's disk flush
 * (synchronous_commit off, for this transaction only), sparing a team server one flush per file. Safe
 * for an import: the commit stays all or nothing; a server crash can lose only the last moment's units,
 * each whole, and never one whose outcome row survived (that row is written after it, and the log is
 * flushed in order); and an import is resumable: the same files chosen again add what is missing and
 * skip what is there, by content hash.
 */
async function importTransaction<T>(database: Database, fn: (trx: Query) => Promise<T>): Promise<T> {
  return database.transaction(async (trx) => {
    if (database.engine === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(trx);
    return fn(trx);
  });
}

async function importChats(
  database: Database,
  unit: Extract<ImportUnit, { kind: 'chats' }>,
  options: Pick<UnitOptions, 'prepared'>,
) {
  const prepared = options.prepared?.unit === unit ? options.prepared.read : parsedChats(unit);
  if ('error' in prepared) throw prepared.error;
  const { chats, hashes } = prepared;
  const there = new Set<number>();
  const ids = await importTransaction(database, async (trx) => {
    const stored = await insertInteractions(
      trx,
      chats.map((chat, index) => ({
        ...describe(unit, 'chat'),
        ...chatDetails(chat, unit.details),
        contentHash: hashes[index]!,
      })),
    );
    const created: number[] = [];
    const segments: NewRow<'segments'>[] = [];
    stored.forEach(({ id, created: isNew }, index) => {
      if (!isNew) {
        there.add(id);
        return;
      }
      chats[index]!.turns.forEach((turn, seq) =>
        segments.push({
          interaction_id: id,
          seq,
          speaker: turn.speaker,
          start_ms: null,
          end_ms: null,
          sent_at: turn.sentAt,
          text: turn.text,
        }),
      );
      created.push(id);
    });
    // The whole file's turns in one bulk insert: one COPY on PostgreSQL, one index step on SQLite.
    await addSegments(database, trx, segments);
    return created;
  });
  // A manifest row's details for the chats already there, each its own change (as an edit by hand).
  const updated: number[] = [];
  if (unit.entry) {
    for (const id of there)
      if ((await updateDetails(database, id, detailsFromRow(unit.entry), LENIENT)).changed) updated.push(id);
  }
  const already = chats.length - ids.length;
  const detailsNote = updated.length > 0 ? ` The manifest gave ${updated.length} of them new details.` : '';
  if (ids.length === 0) {
    const message = `All ${chats.length} chats in this file are already in the library.${detailsNote}`;
    return updated.length > 0
      ? { outcome: 'updated' as const, interactionIds: updated, message, warnings: [] }
      : skipped(message);
  }
  return {
    ...imported(ids, []),
    message:
      already > 0 ? `${already} of ${chats.length} chats were already in the library.${detailsNote}` : null,
  };
}

/**
 * A chosen file already in the library (same content). A manifest row for it updates the details it
 * gives, and only those: the recording, transcript, moments and evaluations stay as they are. Details
 * read from file names do not: the name was there at the first import too.
 */
async function alreadyThere(database: Database, id: number, entry: ManifestEntry | null, already: string) {
  if (!entry) return skipped(already);
  const update = await updateDetails(database, id, detailsFromRow(entry), LENIENT);
  if (!update.changed) return skipped(`${already.slice(0, -1)}, with the details the manifest gives.`);
  return updatedOne(id, ['Already in the library: the manifest updated its details.', ...update.notes]);
}

/** A manifest row for a file imported before, found by its name. */
async function updateByName(database: Database, unit: DetailsUnit) {
  const [id, ...others] = unit.interactionIds;
  if (id === undefined || others.length > 0) {
    return skipped(
      `${unit.interactionIds.length} interactions in the library came from files named ${basename(unit.entry.file)}; choose the file itself so Earmark can tell them apart by their content.`,
    );
  }
  const update = await updateDetails(database, id, detailsFromRow(unit.entry), LENIENT);
  if (!update.changed) return skipped('Already in the library, with the details the manifest gives.');
  return updatedOne(id, [
    `Already in the library (found by its file name): the manifest updated its details.`,
    ...update.notes,
  ]);
}

/** The details a manifest row gives; columns it leaves empty (or lacks) change nothing. */
export function detailsFromRow(entry: ManifestEntry): DetailsPatch {
  const patch: DetailsPatch = {};
  if (entry.title) patch.title = entry.title;
  if (entry.agent) patch.agentName = entry.agent;
  if (entry.team) patch.teamName = entry.team;
  if (entry.startedAt) patch.startedAt = entry.startedAt;
  if (entry.direction) patch.direction = entry.direction;
  if (entry.queue) patch.queue = entry.queue;
  if (entry.customerRef) patch.customerRef = entry.customerRef;
  if (entry.customerRating) patch.customerRating = entry.customerRating;
  return patch;
}

const LENIENT = { lenient: true };

function chatDetails(chat: ParsedChat, details: UnitDetails) {
  const first = chat.turns.find((turn) => turn.sentAt)?.sentAt;
  const last = chat.turns.findLast((turn) => turn.sentAt)?.sentAt;
  return {
    title: chat.title,
    externalId: chat.externalId,
    agentName: chat.agentName ?? details.agent,
    startedAt: chat.startedAt ?? first ?? details.startedAt,
    customerRef: chat.customerRef ?? details.customerRef,
    durationMs: first && last ? Math.max(0, Date.parse(last) - Date.parse(first)) : null,
  };
}

/** Raw speaker labels → agent / customer / system: the user's answer, else the parser's evidence, else a guess that says so. */
function assignRoles(parsed: ParsedTranscript, chosen: Record<string, SegmentSpeaker>) {
  const roles = new Map<string, SegmentSpeaker>();
  const guessed: string[] = [];
  for (const label of parsed.speakers) {
    const role = chosen[label] ?? parsed.suggestedRoles[label] ?? null;
    if (role) roles.set(label, role);
  }
  // Unresolved labels in order of appearance: agents usually open a call, so the first is taken as the agent.
  const taken = new Set(roles.values());
  for (const label of parsed.speakers) {
    if (roles.has(label)) continue;
    const role: SegmentSpeaker = !taken.has('agent') ? 'agent' : 'customer';
    roles.set(label, role);
    taken.add(role);
    guessed.push(`${label} → ${role}`);
  }
  const warnings = parsed.warnings.map((text) => warning('transcript', text));
  if (guessed.length > 0) {
    warnings.push(
      warning(
        'roles_guessed',
        `Speaker roles were guessed (${guessed.join(', ')}); check them in the transcript.`,
      ),
    );
  }
  return {
    warnings,
    segments: parsed.segments.map((segment) => ({
      speaker: roles.get(segment.speakerLabel) ?? 'customer',
      startMs: segment.startMs,
      endMs: segment.endMs,
      sentAt: null,
      text: segment.text,
    })),
  };
}

/** The interaction as planned: title and details from the manifest row, else from the file's name. */
function describe(
  unit: ImportUnit,
  kind: 'call' | 'chat',
): Omit<NewInteraction, 'contentHash' | 'durationMs'> {
  const { details } = unit;
  return {
    kind,
    title: unit.title,
    source: 'import',
    externalId: details.externalId,
    agentName: details.agent,
    teamName: details.team,
    startedAt: details.startedAt,
    direction: details.direction,
    queue: details.queue,
    customerRef: details.customerRef,
    customerRating: details.customerRating,
  };
}

function maxEnd(segments: NewSegment[]): number | null {
  const ends = segments.map((s) => s.endMs).filter((end): end is number => end !== null);
  return ends.length ? Math.max(...ends) : null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const formatSeconds = (ms: number | null) =>
  ms === null ? 'an unknown length' : `${(ms / 1000).toFixed(1)} s`;
const warning = (code: ImportWarning['code'], message: string): ImportWarning => ({ code, message });
const imported = (interactionIds: number[], warnings: ImportWarning[]) => ({
  outcome: 'imported' as const,
  interactionIds,
  message: warnings.length ? warnings.map((w) => w.message).join(' ') : null,
  warnings,
});
const skipped = (message: string) => ({
  outcome: 'skipped' as const,
  interactionIds: [],
  message,
  warnings: [],
});
const updatedOne = (id: number, messages: string[]) => ({
  outcome: 'updated' as const,
  interactionIds: [id],
  message: messages.join(' '),
  warnings: [],
});

/** "12 of 3,020 MP3 frames (0.4 %, about 0.86 s) were damaged and were skipped." */
export function damageMessage(damage: AudioDamage): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const percent = (100 * damage.damaged) / damage.total;
  const share = percent < 0.1 ? 'under 0.1 %' : `${percent.toFixed(1)} %`;
  const about = `about ${(damage.damagedMs / 1000).toFixed(damage.damagedMs < 1000 ? 2 : 1)} s`;
  return damage.unit === 'frames'
    ? `${count(damage.damaged)} of ${count(damage.total)} MP3 frames (${share}, ${about}) were damaged and were skipped.`
    : `${count(damage.damaged)} of ${count(damage.total)} Ogg packets (${share}, ${about}) were damaged: they failed their checksum or could not be decoded.`;
}
