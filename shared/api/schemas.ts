import { z } from 'zod';

/** Domain shapes shared by backend and renderer; the API contract is built from these. */

export const languages = ['en', 'de', 'fi'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

export const InteractionKind = z.enum(['call', 'chat']);
export type InteractionKind = z.infer<typeof InteractionKind>;

/** Who spoke: the two channels of an interaction. */
export const Speaker = z.enum(['agent', 'customer']);
export type Speaker = z.infer<typeof Speaker>;

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

export const Recording = z.object({
  id: Id,
  codec: z.string(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  durationMs: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  /** What each channel carries, in channel order; null where the recording is a single mixed channel. */
  channelRoles: z.array(Speaker).nullable(),
});
export type Recording = z.infer<typeof Recording>;

/** A transcript segment of a call or one turn of a chat. Chats have no offsets; they may have a send time. */
export const Segment = z.object({
  seq: z.number().int().nonnegative(),
  speaker: Speaker,
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

export const Settings = z.object({
  language: Language.nullable(),
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
