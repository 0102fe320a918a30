import { z } from 'zod';
import type { SegmentSpeaker } from '../../../../../shared/api/schemas';
import { isRecord, parseShape } from '../json';
import { roleFromLabel } from '../roles';
import { checkOrder, readTime } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript, hintFrom } from './build';

/**
 * Two AWS outputs that state who is the agent:
 *
 * - Post Call Analytics (the aws-samples PCA solution): `SpeechSegments[]` in seconds, with
 *   `ConversationAnalytics.SpeakerLabels` mapping spk_0/spk_1 to "Agent"/"Customer". The file
 *   says it, so the roles are taken as stated and not flagged ambiguous.
 * - Transcribe Call Analytics: `Transcript[]` in milliseconds with `ParticipantRole` AGENT/CUSTOMER.
 */
const Time = z.union([z.number(), z.string()]);
const Pca = z.object({
  ConversationAnalytics: z
    .object({
      Duration: Time.optional(),
      SpeakerLabels: z.array(z.object({ Speaker: z.string(), DisplayText: z.string() })).optional(),
      SourceInformation: z
        .array(
          z.object({
            TranscribeJobInfo: z
              .object({
                MediaOriginalUri: z.string().optional(),
                TranscriptionJobName: z.string().optional(),
              })
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  SpeechSegments: z.array(
    z.object({
      SegmentStartTime: Time,
      SegmentEndTime: Time,
      SegmentSpeaker: z.string(),
      DisplayText: z.string().optional(),
      OriginalText: z.string().optional(),
    }),
  ),
});

const Tca = z.object({
  JobName: z.string().optional(),
  Transcript: z.array(
    z.object({
      BeginOffsetMillis: Time,
      EndOffsetMillis: Time,
      ParticipantRole: z.string(),
      Content: z.string(),
    }),
  ),
  ConversationCharacteristics: z.object({ TotalConversationDurationMillis: Time.optional() }).optional(),
});

export function isAwsCallAnalytics(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (Array.isArray(value.SpeechSegments)) return true;
  const first: unknown = Array.isArray(value.Transcript) ? value.Transcript[0] : undefined;
  return isRecord(first) && 'ParticipantRole' in first;
}

export function parseAwsCallAnalytics(fileName: string, value: unknown): ParsedTranscript {
  return isRecord(value) && Array.isArray(value.SpeechSegments)
    ? parsePca(fileName, value)
    : parseTca(fileName, value);
}

function parsePca(fileName: string, value: unknown): ParsedTranscript {
  const data = parseShape(fileName, Pca, value);
  const analytics = data.ConversationAnalytics;
  const explicitRoles: Record<string, SegmentSpeaker | null> = {};
  for (const { Speaker, DisplayText } of analytics?.SpeakerLabels ?? []) {
    explicitRoles[Speaker] = roleFromLabel(DisplayText);
  }
  const segments = data.SpeechSegments.map((s, i): TranscriptSegment => {
    const where = `SpeechSegments[${i}]`;
    const startMs = readTime(fileName, s.SegmentStartTime, 's', `${where}: SegmentStartTime`);
    const endMs = readTime(fileName, s.SegmentEndTime, 's', `${where}: SegmentEndTime`);
    checkOrder(fileName, startMs, endMs, where);
    return {
      speakerLabel: s.SegmentSpeaker,
      startMs,
      endMs,
      text: (s.DisplayText ?? s.OriginalText ?? '').trim(),
    };
  });
  const job = analytics?.SourceInformation?.[0]?.TranscribeJobInfo;
  return buildTranscript(fileName, 'aws-call-analytics', segments, {
    explicitRoles,
    durationMs:
      analytics?.Duration === undefined
        ? null
        : readTime(fileName, analytics.Duration, 's', 'ConversationAnalytics.Duration'),
    recordingHint: hintFrom(job?.MediaOriginalUri) ?? hintFrom(job?.TranscriptionJobName),
  });
}

function parseTca(fileName: string, value: unknown): ParsedTranscript {
  const data = parseShape(fileName, Tca, value);
  const explicitRoles: Record<string, SegmentSpeaker | null> = {};
  const segments = data.Transcript.map((t, i): TranscriptSegment => {
    const where = `Transcript[${i}]`;
    const startMs = readTime(fileName, t.BeginOffsetMillis, 'ms', `${where}: BeginOffsetMillis`);
    const endMs = readTime(fileName, t.EndOffsetMillis, 'ms', `${where}: EndOffsetMillis`);
    checkOrder(fileName, startMs, endMs, where);
    explicitRoles[t.ParticipantRole] = roleFromLabel(t.ParticipantRole);
    return { speakerLabel: t.ParticipantRole, startMs, endMs, text: t.Content.trim() };
  });
  const total = data.ConversationCharacteristics?.TotalConversationDurationMillis;
  return buildTranscript(fileName, 'aws-call-analytics', segments, {
    explicitRoles,
    durationMs:
      total === undefined ? null : readTime(fileName, total, 'ms', 'TotalConversationDurationMillis'),
    recordingHint: data.JobName ?? null,
  });
}
