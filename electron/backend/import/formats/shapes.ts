import { isAbcd } from './chats/abcd';
import { isChatCsv } from './chats/generic-csv';
import { isGenericChatJson } from './chats/generic-json';
import { isSgd } from './chats/sgd';
import { isAwsCallAnalytics } from './transcripts/aws-call-analytics';
import { isAwsTranscribe } from './transcripts/aws-transcribe';
import { isAzureBatch } from './transcripts/azure-batch';
import { isAzureFast } from './transcripts/azure-fast';
import { isTranscriptCsv } from './transcripts/csv';
import { isJsonSegments } from './transcripts/json-segments';
import { isRttm } from './transcripts/rttm-stm';
import { isSrt } from './transcripts/srt';
import { isStm } from './transcripts/stm';
import { isTextLog } from './transcripts/text-log';
import { isWebVtt } from './transcripts/webvtt';
import type { ChatFormat, TranscriptFormat } from './types';

/**
 * Format detection from content, shared by the transcript and chat entry points and by
 * detectKind. The file extension is only a tie-breaker: exports are often renamed (.txt,
 * .json for everything), and a wrong extension must not send a file to the wrong parser.
 */

export type JsonTranscriptFormat = Extract<
  TranscriptFormat,
  'azure-fast' | 'azure-batch' | 'aws-transcribe' | 'aws-call-analytics' | 'json-segments'
>;

export function transcriptJsonFormat(value: unknown): JsonTranscriptFormat | null {
  if (isAzureBatch(value)) return 'azure-batch';
  if (isAzureFast(value)) return 'azure-fast';
  if (isAwsCallAnalytics(value)) return 'aws-call-analytics';
  if (isAwsTranscribe(value)) return 'aws-transcribe';
  // Chats before generic segments: a message list also has speaker-ish and text keys.
  if (chatJsonFormat(value) !== null) return null;
  if (isJsonSegments(value)) return 'json-segments';
  return null;
}

export function chatJsonFormat(value: unknown): Exclude<ChatFormat, 'csv'> | null {
  if (isAbcd(value)) return 'abcd';
  if (isSgd(value)) return 'sgd';
  if (isGenericChatJson(value)) return 'json';
  return null;
}

/** Text formats; RTTM is its own kind here because it may pair with an STM. */
export type TextKind = 'webvtt' | 'srt' | 'rttm' | 'stm' | 'csv' | 'text-log';

const BY_EXTENSION: Record<string, TextKind> = {
  vtt: 'webvtt',
  webvtt: 'webvtt',
  srt: 'srt',
  rttm: 'rttm',
  stm: 'stm',
  csv: 'csv',
  tsv: 'csv',
  txt: 'text-log',
  log: 'text-log',
};

export function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return (m?.[1] ?? '').toLowerCase();
}

/**
 * Strong signatures first (WEBVTT header, RTTM records, STM columns, SRT timing, a CSV header
 * with speaker and text). A text log is the weakest signature (a line with "Name:"), so a
 * file named .srt, .vtt ... that only looks like a log goes to its own format's parser, which
 * then says which line is wrong.
 *
 * `explicit` is true when the user chose the file as a transcript: then a .txt or .log file
 * goes to the text-log parser even without a signature, to be told which line it cannot read.
 * When sorting a dropped folder it is false, so a README.txt stays "unknown".
 */
export function transcriptTextKind(fileName: string, text: string, explicit = false): TextKind | null {
  if (isWebVtt(text)) return 'webvtt';
  if (isRttm(text)) return 'rttm';
  if (isStm(text)) return 'stm';
  if (isSrt(text)) return 'srt';
  if (isTranscriptCsv(text)) return 'csv';
  const byExtension = BY_EXTENSION[extensionOf(fileName)];
  if (
    byExtension !== undefined &&
    byExtension !== 'text-log' &&
    !(byExtension === 'csv' && isChatCsv(text))
  ) {
    return byExtension;
  }
  if (isTextLog(text)) return 'text-log';
  return explicit && byExtension === 'text-log' ? 'text-log' : null;
}
