import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ImportPlan, ImportRequest, ManifestMapping, PlanItem } from '../../../shared/api';
import type { SegmentSpeaker } from '../../../shared/api';
import type { Query } from '../db/schema';
import { getSetting } from '../services/settings';
import { applyMapping, parseTranscript, readTable, suggestMapping, type ManifestEntry } from './formats';
import { findLegPairs, legBase, legTitle, titleFromFile } from './legs';
import {
  namePatternFor,
  readDetails,
  type NamePatternChoice,
  type ReadDetails,
  type UnitDetails,
} from './name-details';
import { matchRowsToLibrary } from './library-names';
import { planItems } from './plan-items';
import { scanPaths, stemOf, type ScannedFile } from './scan';

export type { UnitDetails } from './name-details';

export interface TranscriptSource {
  path: string;
  /** RTTM beside an STM of the same name: speakers from one, text from the other. */
  companion: string | null;
}

interface UnitBase {
  file: string;
  /** The manifest row for this unit's file, if any. */
  entry: ManifestEntry | null;
  /** What the interaction is told about itself: the manifest row, else what the file-name pattern reads. */
  details: UnitDetails;
  /** The interaction's title (a chat export's chats have their own). */
  title: string;
}

/** One thing the import turns into interactions, each in its own transaction. */
export type ImportUnit =
  | (UnitBase & {
      kind: 'call';
      sources: string[];
      transcript: TranscriptSource | null;
      /** How the transcript was found: its name, what it says inside, or the user's choice. */
      transcriptMatch: 'name' | 'hint' | 'user' | null;
      pairedBy: 'name' | 'manifest' | null;
    })
  | (UnitBase & { kind: 'transcriptOnly'; transcript: TranscriptSource; keptByUser: boolean })
  | (UnitBase & { kind: 'chats' });

/** A manifest row for a file not chosen this time but imported before: its details go to that interaction. */
export interface DetailsUnit {
  kind: 'details';
  /** Where the file was when it was imported (the row's file name when several files had it). */
  file: string;
  entry: ManifestEntry;
  interactionIds: number[];
}

export interface Planned {
  plan: ImportPlan;
  units: (ImportUnit | DetailsUnit)[];
  /** The manifest mapping actually used, to be remembered once the import starts. */
  manifestColumns: string[] | null;
  mapping: ManifestMapping | null;
}

type ParsedRequest = Required<Pick<ImportRequest, 'paths' | 'pairLegs' | 'roles' | 'transcriptMatches'>> &
  Pick<ImportRequest, 'manifest' | 'namePattern'>;

type CallUnit = Extract<ImportUnit, { kind: 'call' }>;

/** Reads what was chosen and decides what each file becomes; nothing is written. */
export async function planImport(
  q: Query,
  request: ParsedRequest,
  /** A team server's folders: files outside them (through links) are not read. */
  within?: readonly string[],
): Promise<Planned> {
  const files = scanPaths(request.paths, within);
  const byKind = (kind: ScannedFile['kind']) => files.filter((file) => file.kind === kind);
  const problems: ImportPlan['problems'] = [];
  const names = await namePatternFor(q, request);

  const manifest = await readManifest(q, request, byKind('manifest'));
  const entryFor = (path: string) => manifest?.entries.get(basename(path).toLowerCase()) ?? null;
  const read = new Map<ImportUnit, ReadDetails>();
  const describe = (files: string[]) => {
    const entry = files.map(entryFor).find((found) => found !== null) ?? null;
    const details = readDetails(names?.pattern ?? null, files, entry);
    return { entry, details: details.details, read: details };
  };

  // Two-leg calls: pairs named in the manifest, else pairs found by name (used once the user confirms).
  const audio = byKind('audio');
  const legPairs = findLegPairs(audio, manifest?.legPairs ?? []);
  const paired = new Set<string>();
  const calls: CallUnit[] = [];
  const usePairs = request.pairLegs || (manifest?.legPairs.length ?? 0) > 0;
  const addCall = (sources: string[], title: string, pairedBy: CallUnit['pairedBy']) => {
    const { read: shown, ...described } = describe(sources);
    const call: CallUnit = {
      kind: 'call',
      file: sources[0]!,
      sources,
      transcript: null,
      transcriptMatch: null,
      pairedBy,
      title: described.entry?.title ?? title,
      ...described,
    };
    read.set(call, shown);
    calls.push(call);
  };
  for (const pair of usePairs ? legPairs : []) {
    paired.add(pair.agent.path).add(pair.customer.path);
    addCall([pair.agent.path, pair.customer.path], legTitle(pair.agent.name), pair.by);
  }
  for (const file of audio) if (!paired.has(file.path)) addCall([file.path], titleFromFile(file.name), null);

  const transcriptOnly = matchTranscripts(calls, groupCompanions(byKind('transcript')), request, problems);
  const units: ImportUnit[] = [...calls];
  for (const { transcript, keptByUser } of transcriptOnly) {
    const { read: shown, ...described } = describe([transcript.path]);
    const unit: ImportUnit = {
      kind: 'transcriptOnly',
      file: transcript.path,
      transcript,
      keptByUser,
      title: described.entry?.title ?? titleFromFile(basename(transcript.path)),
      ...described,
    };
    read.set(unit, shown);
    units.push(unit);
  }
  for (const chat of byKind('chat')) {
    const { read: shown, ...described } = describe([chat.path]);
    const unit: ImportUnit = {
      kind: 'chats',
      file: chat.path,
      title: titleFromFile(chat.name),
      ...described,
    };
    read.set(unit, shown);
    units.push(unit);
  }

  const roleQuestions: ImportPlan['roleQuestions'] = [];
  for (const unit of units) {
    if (unit.kind === 'chats' || !unit.transcript || request.roles[unit.transcript.path]) continue;
    try {
      const parsed = parseTranscript(readTranscript(unit.transcript));
      if (parsed.ambiguous) {
        roleQuestions.push({
          transcript: unit.transcript.path,
          speakers: parsed.speakers.map((label) => ({
            label,
            suggested: (parsed.suggestedRoles[label] ?? null) as SegmentSpeaker | null,
            sample: sampleOf(parsed.segments.filter((s) => s.speakerLabel === label)),
          })),
        });
      }
    } catch (error) {
      problems.push({ file: unit.transcript.path, message: (error as Error).message });
    }
  }

  const items = planItems(files, units, read, manifest?.path ?? null);
  const updates: DetailsUnit[] = [];
  if (manifest) {
    const chosen = new Set(files.map((file) => file.name.toLowerCase()));
    for (const { entry, matches } of await matchRowsToLibrary(
      q,
      new Set(manifest.entries.values()),
      chosen,
    )) {
      updates.push({
        kind: 'details',
        file: matches.length === 1 ? matches[0]!.path : entry.file,
        entry,
        interactionIds: matches.map((match) => match.interactionId),
      });
    }
  }
  return {
    units: [...units, ...updates],
    manifestColumns: manifest?.columns ?? null,
    mapping: manifest?.mapping ?? null,
    plan: {
      files: {
        total: files.length,
        audio: audio.length,
        transcripts: byKind('transcript').length,
        chats: byKind('chat').length,
        manifests: byKind('manifest').length,
        unknown: byKind('unknown').length,
      },
      calls: units.filter((unit) => unit.kind !== 'chats').length,
      chatFiles: units.filter((unit) => unit.kind === 'chats').length,
      detailUpdates: updates.length,
      legPairs: legPairs.map((pair) => ({ agent: pair.agent.path, customer: pair.customer.path })),
      manifest: manifest
        ? {
            path: manifest.path,
            columns: manifest.columns,
            mapping: manifest.mapping,
            remembered: manifest.remembered,
            sampleRows: manifest.rows.slice(0, 5),
            errors: manifest.errors,
          }
        : null,
      roleQuestions,
      problems,
      pairLegs: usePairs && legPairs.length > 0,
      namePattern: names ? patternSummary(names, items) : null,
      items,
    },
  };
}

function patternSummary(names: NamePatternChoice, items: PlanItem[]): ImportPlan['namePattern'] {
  const read = items.filter((item) => item.nameMatch !== null && item.leg !== 'customer');
  const matched = read.filter((item) => item.nameMatch === 'matched').length;
  return { pattern: names.source, remembered: names.remembered, matched, unmatched: read.length - matched };
}

/**
 * Transcripts find their call: first as the user chose, then by name (the recording's, or the pair's
 * name without its leg), then by the recording the transcript names inside itself. The rest, and
 * those the user keeps apart, are transcripts to read without a recording.
 */
function matchTranscripts(
  calls: CallUnit[],
  transcripts: TranscriptSource[],
  request: ParsedRequest,
  problems: ImportPlan['problems'],
): { transcript: TranscriptSource; keptByUser: boolean }[] {
  const callByFile = new Map<string, CallUnit>();
  const callByStem = new Map<string, CallUnit>();
  for (const call of calls) {
    for (const source of call.sources) {
      callByFile.set(source, call);
      callByStem.set(stemOf(basename(source)), call);
    }
    if (call.sources.length === 2) callByStem.set(legBase(stemOf(basename(call.sources[0]!))), call);
  }
  const fixes = new Map(
    Object.entries(request.transcriptMatches).map(([transcript, call]) => [
      resolve(transcript),
      call === null ? null : resolve(call),
    ]),
  );
  const left: TranscriptSource[] = [];
  const alone: { transcript: TranscriptSource; keptByUser: boolean }[] = [];
  for (const transcript of transcripts) {
    if (!fixes.has(transcript.path)) {
      left.push(transcript);
      continue;
    }
    const target = fixes.get(transcript.path)!;
    const call = target === null ? null : callByFile.get(target);
    if (target === null) alone.push({ transcript, keptByUser: true });
    else if (call && !call.transcript) {
      call.transcript = transcript;
      call.transcriptMatch = 'user';
    } else {
      problems.push({
        file: transcript.path,
        message: call
          ? `${basename(transcript.path)} cannot join ${basename(target)}: that call already has a transcript.`
          : `${basename(transcript.path)} cannot join ${basename(target)}: it is not a recording in this import.`,
      });
      left.push(transcript);
    }
  }
  for (const transcript of left) {
    const byName = callByStem.get(stemOf(basename(transcript.path)));
    const call = byName ?? callByHint(transcript, callByStem);
    if (call && !call.transcript) {
      call.transcript = transcript;
      call.transcriptMatch = byName ? 'name' : 'hint';
    } else alone.push({ transcript, keptByUser: false });
  }
  return alone;
}

export function readTranscript(source: TranscriptSource) {
  return {
    fileName: basename(source.path),
    text: readFileSync(source.path, 'utf8'),
    ...(source.companion
      ? { companion: { fileName: basename(source.companion), text: readFileSync(source.companion, 'utf8') } }
      : {}),
  };
}

/** A line that helps tell who is speaking: the first with some substance ("Hello?" says little). */
function sampleOf(segments: { text: string }[]): string {
  const telling = segments.find((s) => s.text.split(/\s+/).length >= 5) ?? segments[0];
  return telling?.text.slice(0, 140) ?? '';
}

/** Where a manifest's column mapping is remembered: keyed by its set of columns. */
export function mappingSettingKey(columns: readonly string[]): string {
  return `import.manifestMapping:${[...columns]
    .map((c) => c.toLowerCase())
    .sort()
    .join('|')}`;
}

async function readManifest(q: Query, request: ParsedRequest, found: ScannedFile[]) {
  const path = request.manifest?.path ? resolve(request.manifest.path) : found[0]?.path;
  if (!path) return null;
  const table = await readTable({ fileName: basename(path), bytes: readFileSync(path) });
  const saved = await getSetting(q, mappingSettingKey(table.columns));
  const remembered = saved ? (JSON.parse(saved) as ManifestMapping) : null;
  const mapping = request.manifest?.mapping ?? remembered ?? suggestMapping(table.columns);
  const { entries, errors } = applyMapping(table.rows, mapping);
  const byFile = new Map<string, ManifestEntry>();
  const legPairs: { agent: string; customer: string }[] = [];
  for (const entry of entries) {
    for (const file of [entry.file, entry.agentLegFile, entry.customerLegFile]) {
      if (file) byFile.set(basename(file).toLowerCase(), entry);
    }
    if (entry.agentLegFile && entry.customerLegFile) {
      legPairs.push({
        agent: basename(entry.agentLegFile).toLowerCase(),
        customer: basename(entry.customerLegFile).toLowerCase(),
      });
    }
  }
  return {
    path,
    columns: table.columns,
    rows: table.rows,
    mapping,
    remembered: remembered !== null && !request.manifest?.mapping,
    entries: byFile,
    errors,
    legPairs,
  };
}

/** The recording a transcript names inside itself (Azure `source`, AWS job name, STM file column). */
function callByHint<T>(transcript: TranscriptSource, callByStem: Map<string, T>): T | undefined {
  try {
    const hint = parseTranscript(readTranscript(transcript)).recordingHint;
    return hint ? callByStem.get(stemOf(basename(hint))) : undefined;
  } catch {
    return undefined; // unreadable transcripts are reported when the role questions are gathered
  }
}

function groupCompanions(transcripts: ScannedFile[]): TranscriptSource[] {
  const rttm = new Map(
    transcripts.filter((t) => t.name.toLowerCase().endsWith('.rttm')).map((t) => [t.stem, t]),
  );
  const used = new Set<string>();
  const sources: TranscriptSource[] = [];
  for (const file of transcripts) {
    if (file.name.toLowerCase().endsWith('.rttm')) continue;
    const companion = file.name.toLowerCase().endsWith('.stm') ? rttm.get(file.stem) : undefined;
    if (companion) used.add(companion.path);
    sources.push({ path: file.path, companion: companion?.path ?? null });
  }
  for (const file of rttm.values())
    if (!used.has(file.path)) sources.push({ path: file.path, companion: null });
  return sources;
}
