import { z } from 'zod';
import { isRecord, parseShape } from '../json';
import { checkOrder, readTime } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript, NO_SPEAKER } from './build';

/**
 * Amazon Transcribe (standard) output. Times are seconds, written as strings ("0.44").
 *
 * - `results.audio_segments` (newer jobs) are already speaker-attributed segments: used as they are.
 * - Otherwise words (`results.items`) are grouped into turns: a new segment starts where the
 *   speaker changes. The speaker of a word is its own `speaker_label`, else the
 *   `speaker_labels.segments` entry with the same start time; with channel identification
 *   each channel's items are a separate stream. Punctuation items have no times and belong to
 *   the word before. Without any speaker, the text is split into sentences.
 */
const Time = z.union([z.string(), z.number()]);
const Item = z.object({
  start_time: Time.optional(),
  end_time: Time.optional(),
  type: z.string().optional(),
  alternatives: z.array(z.object({ content: z.string() })).min(1),
  speaker_label: z.string().optional(),
  channel_label: z.string().optional(),
});
const AudioSegment = z.object({
  transcript: z.string(),
  start_time: Time,
  end_time: Time,
  speaker_label: z.string().optional(),
  channel_label: z.string().optional(),
});
const Transcribe = z.object({
  jobName: z.string().optional(),
  results: z.object({
    items: z.array(Item).optional(),
    audio_segments: z.array(AudioSegment).optional(),
    speaker_labels: z
      .object({
        segments: z.array(
          z.object({
            speaker_label: z.string(),
            items: z.array(z.object({ start_time: Time, speaker_label: z.string().optional() })).optional(),
          }),
        ),
      })
      .optional(),
    channel_labels: z
      .object({ channels: z.array(z.object({ channel_label: z.string(), items: z.array(Item) })) })
      .optional(),
  }),
});

export function isAwsTranscribe(value: unknown): boolean {
  return (
    isRecord(value) && isRecord(value.results) && ('items' in value.results || 'transcripts' in value.results)
  );
}

interface Word {
  label: string;
  channel: number | undefined;
  startMs: number;
  endMs: number;
  text: string;
  punctuation: boolean;
}

/** "ch_1" -> 1; the channel index of the recording. */
function channelOf(label: string | undefined): number | undefined {
  const m = /(\d+)$/.exec(label ?? '');
  return m ? Number(m[1]) : undefined;
}

export function parseAwsTranscribe(fileName: string, value: unknown): ParsedTranscript {
  const data = parseShape(fileName, Transcribe, value);
  const { results } = data;
  const hint = data.jobName ?? null;

  if (results.audio_segments && results.audio_segments.length > 0) {
    const segments = results.audio_segments.map((s, i): TranscriptSegment => {
      const where = `results.audio_segments[${i}]`;
      const startMs = readTime(fileName, s.start_time, 's', `${where}: start_time`);
      const endMs = readTime(fileName, s.end_time, 's', `${where}: end_time`);
      checkOrder(fileName, startMs, endMs, where);
      const channel = channelOf(s.channel_label);
      return {
        speakerLabel: s.speaker_label ?? s.channel_label ?? NO_SPEAKER,
        startMs,
        endMs,
        text: s.transcript.trim(),
        ...(channel !== undefined ? { channel } : {}),
      };
    });
    return buildTranscript(fileName, 'aws-transcribe', segments, { recordingHint: hint });
  }

  const speakerAt = new Map<string, string>();
  for (const seg of results.speaker_labels?.segments ?? []) {
    for (const item of seg.items ?? [])
      speakerAt.set(String(item.start_time), item.speaker_label ?? seg.speaker_label);
  }
  const streams = results.channel_labels
    ? results.channel_labels.channels.map((c, n) => ({
        items: c.items,
        channel: c.channel_label,
        path: `results.channel_labels.channels[${n}].items`,
      }))
    : [{ items: results.items ?? [], channel: undefined, path: 'results.items' }];

  const words: Word[] = [];
  for (const stream of streams) {
    let previous: Word | null = null;
    for (const [i, item] of stream.items.entries()) {
      const text = item.alternatives[0]?.content ?? '';
      if (item.type === 'punctuation' || item.start_time === undefined) {
        if (previous) previous.text += text;
        continue;
      }
      const where = `${stream.path}[${i}]`;
      const startMs = readTime(fileName, item.start_time, 's', `${where}: start_time`);
      const endMs = readTime(fileName, item.end_time ?? item.start_time, 's', `${where}: end_time`);
      checkOrder(fileName, startMs, endMs, where);
      const channelLabel = item.channel_label ?? stream.channel;
      const label =
        item.speaker_label ?? speakerAt.get(String(item.start_time)) ?? channelLabel ?? NO_SPEAKER;
      previous = { label, channel: channelOf(channelLabel), startMs, endMs, text, punctuation: false };
      words.push(previous);
    }
  }
  // Channels come one after the other; interleave them by time before grouping into turns.
  words.sort((a, b) => a.startMs - b.startMs);
  const labelled = words.some((w) => w.label !== NO_SPEAKER);
  return buildTranscript(fileName, 'aws-transcribe', turns(words, labelled), { recordingHint: hint });
}

function turns(words: Word[], labelled: boolean): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let current: TranscriptSegment | null = null;
  for (const w of words) {
    // Without speakers, one turn would be the whole call: cut at sentence ends instead.
    const sentenceEnded = !labelled && current !== null && /[.?!]$/.test(current.text);
    if (!current || current.speakerLabel !== w.label || sentenceEnded) {
      current = {
        speakerLabel: w.label,
        startMs: w.startMs,
        endMs: w.endMs,
        text: w.text,
        ...(w.channel !== undefined ? { channel: w.channel } : {}),
      };
      segments.push(current);
    } else {
      current.text += ` ${w.text}`;
      current.endMs = Math.max(current.endMs ?? 0, w.endMs);
    }
  }
  return segments;
}
