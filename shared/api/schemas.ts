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

/** A short, printable rendering of a refused value for an error message (never the whole of a huge input). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Whether year, month and day name a day in the (Gregorian) calendar: no month 13, no 30 February. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * A calendar day as YYYY-MM-DD (coaching dates, due dates, the library's and the reels' date filters):
 * the shape and a real day, so 2026-13-01 and 2026-02-30 are refused here, naming the field, and never
 * reach a service or the database. Every method that takes a day uses this one schema.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: (issue) => `expected a date as YYYY-MM-DD (got ${shown(issue.input)})`,
  })
  .refine(
    (text) => isCalendarDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))),
    {
      error: (issue) => `${shown(issue.input)} is not a day in the calendar`,
    },
  );

/** Local wall-clock time as YYYY-MM-DDTHH:MM (no zone), on a real calendar day. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, {
    error: (issue) => `must be a date and time as YYYY-MM-DDTHH:MM (got ${shown(issue.input)})`,
  })
  .refine(
    (text) =>
      isCalendarDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))) &&
      Number(text.slice(11, 13)) <= 23 &&
      Number(text.slice(14, 16)) <= 59,
    { error: (issue) => `is not a real date and time (got ${shown(issue.input)})` },
  );

/**
 * A moment in time as ISO 8601 with its offset ("2026-03-10T14:30:00Z", "…+02:00"), on a real calendar
 * day: the one schema for every method that takes a date and time.
 */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'must be a date and time such as 2026-03-10T14:30:00Z',
});

/** Control characters nobody types into a multi-line text: C0 except tab, line feed and carriage return; DEL; C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** For one-line text (names, titles): every control character, tab and line breaks included. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** Half of a UTF-16 surrogate pair on its own: not a character, and lost on the way to UTF-8 storage. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text people type, as every method that stores it takes it: no NUL or other control characters (tab and
 * line breaks only where `multiline`), no broken Unicode, and at most `max` characters. `what` opens the
 * messages ("a tag name may be at most 60 characters long"); left empty, they read as the rest of the
 * field's sentence ("agentName: must be one line ..."), and `tooLong` words the length limit. One-line text
 * is trimmed unless `trim` says otherwise; `min` counts characters as the database's CHECKs do.
 * For parameters only: results keep plain strings, so text stored before these rules still reads.
 */
export function PlainText(
  what: string,
  max: number,
  options: {
    multiline?: boolean;
    trim?: boolean;
    min?: { chars: number; message: string };
    tooLong?: string;
  } = {},
) {
  const base = (options.trim ?? !options.multiline) ? z.string().trim() : z.string();
  const { min } = options;
  const subject = what ? `${what} ` : '';
  return (
    base
      .max(max, options.tooLong ?? `${subject}may be at most ${max} characters long`)
      // Characters as the database counts them (code points): "😀a" is two, not three UTF-16 units.
      .refine((text) => !min || [...text].length >= min.chars, { error: min?.message ?? '' })
      .refine((text) => !(options.multiline ? CONTROL_IN_TEXT : CONTROL_IN_LINE).test(text), {
        error: options.multiline
          ? `${subject}must not contain control characters (such as NUL)`
          : `${subject}must be one line, without control characters (such as NUL or a line break)`,
      })
      .refine((text) => !LONE_SURROGATE.test(text), {
        error: `${subject}must be valid Unicode text (without a lone surrogate)`,
      })
  );
}

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
    // Whitespace of any kind separates words here, so a pasted tab or line break is no mistake.
    text: PlainText('the search text', 500, { multiline: true, trim: true }).optional(),
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

/** The customer's own verdict on an interaction, in one click: bad, neutral or good (DOMAIN.md). */
export const CustomerRating = z.enum(['bad', 'neutral', 'good']);
export type CustomerRating = z.infer<typeof CustomerRating>;

export const InteractionDetail = InteractionSummary.extend({
  customerRef: z.string().nullable(),
  customerRating: CustomerRating.nullable(),
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
