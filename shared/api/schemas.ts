import { z } from 'zod';
import { Outcome } from '../rubric/outcome';

/** Domain shapes shared by backend and renderer; the API contract is built from these. */

export const languages = ['en', 'de', 'fi'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

export const InteractionKind = z.enum(['call', 'chat']);
export type InteractionKind = z.infer<typeof InteractionKind>;

/** Who spoke: the two channels of an interaction. */
export const Speaker = z.enum(['agent', 'customer']);
export type Speaker = z.infer<typeof Speaker>;

/** Who wrote a transcript segment or chat turn: a party, or the system (bot actions, IVR prompts). */
export const SegmentSpeaker = z.enum(['agent', 'customer', 'system']);
export type SegmentSpeaker = z.infer<typeof SegmentSpeaker>;

export const Id = z.number().int().positive();

export const InteractionSummary = z.object({
  id: Id,
  kind: InteractionKind,
  title: z.string(),
  agentName: z.string().nullable(),
  teamName: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  queue: z.string().nullable(),
});
export type InteractionSummary = z.infer<typeof InteractionSummary>;

/** Where a full-text search matched inside an interaction: its best segment, with the match marked. */
export const SearchHit = z.object({
  seq: z.number().int().nonnegative(),
  startMs: z.number().int().nonnegative().nullable(),
  /** Segment text around the match; matched terms are wrapped in HIT_START / HIT_END. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;
/** Control characters cannot occur in transcript text, so they can mark hits without any escaping. */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

/** The score of an interaction's latest submitted evaluation, as it was submitted. */
export const LibraryScore = z.object({
  /** 0 after a critical fail; null when nothing could be earned (every item n.a.). */
  percent: z.number().min(0).max(100).nullable(),
  /** Judged against the pass mark of the rubric version it was scored on. */
  outcome: Outcome,
});
export type LibraryScore = z.infer<typeof LibraryScore>;

export const LibraryItem = InteractionSummary.extend({
  hit: SearchHit.nullable(),
  /** Null until the interaction has a submitted evaluation. */
  score: LibraryScore.nullable(),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** What the library list can be narrowed by; the renderer keeps this in the URL so a view can be bookmarked. */
export const LibraryFilters = z
  .object({
    kind: InteractionKind.optional(),
    agentIds: z.array(Id).max(500).optional(),
    teamIds: z.array(Id).max(200).optional(),
    /** Started on or after this day (inclusive, UTC). */
    from: IsoDate.optional(),
    /** Started on or before this day (inclusive, UTC). */
    to: IsoDate.optional(),
    /** Only interactions with (true) or without (false) a submitted evaluation. */
    reviewed: z.boolean().optional(),
    /** Only interactions with a moment carrying any of these tags. */
    tagIds: z.array(Id).max(100).optional(),
    /**
     * Score range in percent, both ends inclusive, on each interaction's latest submitted evaluation.
     * Either bound leaves out interactions without one (and those where nothing could be earned).
     */
    scoreMin: z.number().min(0).max(100).optional(),
    scoreMax: z.number().min(0).max(100).optional(),
    /** Only interactions whose latest submitted evaluation came to one of these outcomes. */
    outcomes: z.array(Outcome).min(1).max(3).optional(),
    /** Full-text search over transcripts and chats: words match as prefixes, "quoted phrases" exactly. */
    text: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((f) => f.scoreMin === undefined || f.scoreMax === undefined || f.scoreMin <= f.scoreMax, {
    message: 'scoreMin must not be above scoreMax',
    path: ['scoreMin'],
  });
export type LibraryFilters = z.infer<typeof LibraryFilters>;

export const LibrarySort = z.enum(['relevance', 'startedAt', 'duration', 'agent', 'title', 'score']);
export type LibrarySort = z.infer<typeof LibrarySort>;

export const Facets = z.object({
  agents: z.array(
    z.object({ id: Id, name: z.string(), teamId: Id.nullable(), teamName: z.string().nullable() }),
  ),
  teams: z.array(z.object({ id: Id, name: z.string() })),
  /** Built-in tags carry their key so the renderer can show them translated. */
  tags: z.array(z.object({ id: Id, name: z.string(), builtin: z.string().nullable() })),
});
export type Facets = z.infer<typeof Facets>;

/**
 * How much of a recording was damaged: MP3 frames skipped because their bytes were not frames any more,
 * or Ogg packets on pages that failed their checksum or could not be decoded. The rest was imported.
 */
export const AudioDamage = z.object({
  unit: z.enum(['frames', 'packets']),
  damaged: z.number().int().positive(),
  /** Units in the stream, the damaged ones included. */
  total: z.number().int().positive(),
  /** About how much audio the damaged units held. */
  damagedMs: z.number().int().nonnegative(),
});
export type AudioDamage = z.infer<typeof AudioDamage>;

export const Recording = z.object({
  id: Id,
  codec: z.string(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  durationMs: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  /** What each channel carries, in channel order; null where the recording is a single mixed channel. */
  channelRoles: z.array(Speaker).nullable(),
  /**
   * Whether its peaks are stored. An AAC recording gets them from the renderer's decoder the first time
   * it is opened; until then (and for any recording whose peaks are missing) the player draws flat lanes.
   */
  hasPeaks: z.boolean(),
  /** Null for an intact recording; else what was damaged in the file and skipped at import. */
  damage: AudioDamage.nullable(),
});
export type Recording = z.infer<typeof Recording>;

/** A transcript segment of a call or one turn of a chat. Chats have no offsets; they may have a send time. */
export const Segment = z.object({
  seq: z.number().int().nonnegative(),
  speaker: SegmentSpeaker,
  startMs: z.number().int().nonnegative().nullable(),
  endMs: z.number().int().nonnegative().nullable(),
  sentAt: z.string().nullable(),
  text: z.string(),
});
export type Segment = z.infer<typeof Segment>;

export const InteractionDetail = InteractionSummary.extend({
  customerRef: z.string().nullable(),
  recording: Recording.nullable(),
  segments: z.array(Segment),
});
export type InteractionDetail = z.infer<typeof InteractionDetail>;

/**
 * Min/max peaks, interleaved per channel ([min0, max0, min1, max1, ...]), scaled to -1..1.
 * The player draws the waveform from these without decoding the recording.
 */
export const Peaks = z.object({
  recordingId: Id,
  samplesPerPeak: z.number().int().positive(),
  sampleRate: z.number().int().positive(),
  durationMs: z.number().int().nonnegative(),
  channels: z.array(z.array(z.number().min(-1).max(1))),
});
export type Peaks = z.infer<typeof Peaks>;

/** The docked evaluation form's share of the review workspace's width, in whole percent. */
export const EvaluationPanelShare = z.number().int().min(20).max(80);

export const Settings = z.object({
  language: Language.nullable(),
  /** Null until the reviewer first resizes the docked form. */
  evaluationPanelShare: EvaluationPanelShare.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const DemoStatus = z.object({
  /** True until the user has either loaded the demo data set or declined it. */
  offer: z.boolean(),
  loaded: z.boolean(),
});
export type DemoStatus = z.infer<typeof DemoStatus>;
