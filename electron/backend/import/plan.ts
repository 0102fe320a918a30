import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportPlan, ImportRequest, ManifestMapping } from '../../../shared/api';
import type { SegmentSpeaker } from '../../../shared/api';
import type { Db } from '../db/open';
import { readSetting } from '../services/settings';
import { applyMapping, parseTranscript, readTable, suggestMapping, type ManifestEntry } from './formats';
import { scanPaths, stemOf, type ScannedFile } from './scan';

export interface TranscriptSource {
  path: string;
  /** RTTM beside an STM of the same name: speakers from one, text from the other. */
  companion: string | null;
}

/** One thing the import turns into interactions, each in its own transaction. */
export type ImportUnit =
  | {
      kind: 'call';
      file: string;
      sources: string[];
      transcript: TranscriptSource | null;
      entry: ManifestEntry | null;
    }
  | { kind: 'transcriptOnly'; file: string; transcript: TranscriptSource; entry: ManifestEntry | null }
  | { kind: 'chats'; file: string; entry: ManifestEntry | null };

export interface Planned {
  plan: ImportPlan;
  units: ImportUnit[];
  /** The manifest mapping actually used, to be remembered once the import starts. */
  manifestColumns: string[] | null;
  mapping: ManifestMapping | null;
}

type ParsedRequest = Required<Pick<ImportRequest, 'paths' | 'pairLegs' | 'roles'>> &
  Pick<ImportRequest, 'manifest'>;

const AGENT_LEG = /^(.*?)[._ -](agent|operator|rep)$/;
const CUSTOMER_LEG = /^(.*?)[._ -](caller|customer|client)$/;

/** Reads what was chosen and decides what each file becomes; nothing is written. */
export async function planImport(db: Db, request: ParsedRequest): Promise<Planned> {
  const files = scanPaths(request.paths);
  const byKind = (kind: ScannedFile['kind']) => files.filter((file) => file.kind === kind);
  const problems: ImportPlan['problems'] = [];

  const manifest = await readManifest(db, request, byKind('manifest'));
  const entryFor = (path: string) => manifest?.entries.get(basename(path).toLowerCase()) ?? null;

  // Two-leg calls: pairs named in the manifest, else pairs found by name (used once the user confirms).
  const audio = byKind('audio');
  const legPairs = findLegPairs(audio, manifest?.legPairs ?? []);
  const paired = new Set<string>();
  const units: ImportUnit[] = [];
  const calls: Extract<ImportUnit, { kind: 'call' }>[] = [];
  const usePairs = request.pairLegs || (manifest?.legPairs.length ?? 0) > 0;
  for (const pair of usePairs ? legPairs : []) {
    paired.add(pair.agent.path).add(pair.customer.path);
    calls.push({
      kind: 'call',
      file: pair.agent.path,
      sources: [pair.agent.path, pair.customer.path],
      transcript: null,
      entry: entryFor(pair.agent.path) ?? entryFor(pair.customer.path),
    });
  }
  for (const file of audio) {
    if (!paired.has(file.path)) {
      calls.push({
        kind: 'call',
        file: file.path,
        sources: [file.path],
        transcript: null,
        entry: entryFor(file.path),
      });
    }
  }

  // Transcripts join the call of the same name; an RTTM joins the STM of the same name.
  const callByStem = new Map<string, (typeof calls)[number]>();
  for (const call of calls) {
    for (const source of call.sources) callByStem.set(stemOf(basename(source)), call);
    if (call.sources.length === 2) callByStem.set(legBase(stemOf(basename(call.sources[0]!))), call);
  }
  const transcripts = groupCompanions(byKind('transcript'));
  for (const transcript of transcripts) {
    const call = callByStem.get(stemOf(basename(transcript.path))) ?? callByHint(transcript, callByStem);
    if (call && !call.transcript) call.transcript = transcript;
    else
      units.push({
        kind: 'transcriptOnly',
        file: transcript.path,
        transcript,
        entry: entryFor(transcript.path),
      });
  }
  units.unshift(...calls);
  for (const chat of byKind('chat'))
    units.push({ kind: 'chats', file: chat.path, entry: entryFor(chat.path) });

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

  const unknown = byKind('unknown');
  return {
    units,
    manifestColumns: manifest?.columns ?? null,
    mapping: manifest?.mapping ?? null,
    plan: {
      files: {
        total: files.length,
        audio: audio.length,
        transcripts: byKind('transcript').length,
        chats: byKind('chat').length,
        manifests: byKind('manifest').length,
        unknown: unknown.length,
      },
      calls: units.filter((unit) => unit.kind !== 'chats').length,
      chatFiles: units.filter((unit) => unit.kind === 'chats').length,
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
      unknownFiles: unknown.slice(0, 50).map((file) => file.path),
      problems,
    },
  };
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

async function readManifest(db: Db, request: ParsedRequest, found: ScannedFile[]) {
  const path = request.manifest?.path ?? found[0]?.path;
  if (!path) return null;
  const table = await readTable({ fileName: basename(path), bytes: readFileSync(path) });
  const saved = readSetting(db, mappingSettingKey(table.columns));
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

function findLegPairs(audio: ScannedFile[], fromManifest: { agent: string; customer: string }[]) {
  const byName = new Map(audio.map((file) => [file.name.toLowerCase(), file]));
  const pairs: { agent: ScannedFile; customer: ScannedFile }[] = [];
  for (const named of fromManifest) {
    const agent = byName.get(named.agent);
    const customer = byName.get(named.customer);
    if (agent && customer) pairs.push({ agent, customer });
  }
  if (pairs.length > 0) return pairs;
  const customers = new Map<string, ScannedFile>();
  for (const file of audio) {
    const match = CUSTOMER_LEG.exec(file.stem);
    if (match) customers.set(match[1]!, file);
  }
  for (const file of audio) {
    const match = AGENT_LEG.exec(file.stem);
    const customer = match ? customers.get(match[1]!) : undefined;
    if (customer) pairs.push({ agent: file, customer });
  }
  return pairs;
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

function legBase(stem: string): string {
  return AGENT_LEG.exec(stem)?.[1] ?? CUSTOMER_LEG.exec(stem)?.[1] ?? stem;
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
