import type { SegmentSpeaker } from '../../../../shared/api/schemas';

export const transcriptFormats = [
  'webvtt',
  'srt',
  'json-segments',
  'azure-fast',
  'azure-batch',
  'aws-transcribe',
  'aws-call-analytics',
  'rttm-stm',
  'stm',
  'text-log',
  'csv',
] as const;
export type TranscriptFormat = (typeof transcriptFormats)[number];

export interface TranscriptSegment {
  speakerLabel: string;
  /** Milliseconds from the start of the recording; null where the file has no times (text logs). */
  startMs: number | null;
  endMs: number | null;
  text: string;
  /** 0-based channel of the recording the segment was heard on, when the file says. */
  channel?: number;
}

export interface ParsedTranscript {
  format: TranscriptFormat;
  /** Raw speaker labels as they appear in the file, in first-appearance order. */
  speakers: string[];
  /** Suggested role per raw label; null where it cannot be told (the UI will ask the user). */
  suggestedRoles: Record<string, SegmentSpeaker | null>;
  /** True when some label's role is null or two labels got the same party with no evidence. */
  ambiguous: boolean;
  /** In time order when every segment has a start; otherwise in file order. */
  segments: TranscriptSegment[];
  durationMs: number | null;
  /** Recording this transcript is for, when the file says (the file-name part; see README.md). */
  recordingHint: string | null;
  warnings: string[];
}

export interface TranscriptInput {
  fileName: string;
  text: string;
  /** A second file read together with the first: the RTTM for an STM, or the STM for an RTTM. */
  companion?: { fileName: string; text: string };
}

export interface ChatTurn {
  speaker: SegmentSpeaker;
  text: string;
  /** ISO 8601 (UTC) send time, or null where the export has none. */
  sentAt: string | null;
}

export interface ParsedChat {
  externalId: string;
  title: string;
  startedAt: string | null;
  agentName: string | null;
  customerRef: string | null;
  turns: ChatTurn[];
  metadata: Record<string, string>;
}

export interface ChatInput {
  fileName: string;
  text: string;
}

export type ChatFormat = 'abcd' | 'sgd' | 'json' | 'csv';
