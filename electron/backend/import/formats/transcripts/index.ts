import { EarmarkError } from '../../../../../shared/errors';
import { fail, prepareText } from '../errors';
import { looksLikeJson, parseJson } from '../json';
import { chatJsonFormat, transcriptJsonFormat, transcriptTextKind } from '../shapes';
import { isChatCsv } from '../chats/generic-csv';
import type { ParsedTranscript, TranscriptInput } from '../types';
import { parseAwsCallAnalytics } from './aws-call-analytics';
import { parseAwsTranscribe } from './aws-transcribe';
import { parseAzureBatch } from './azure-batch';
import { parseAzureFast } from './azure-fast';
import { parseTranscriptCsv } from './csv';
import { parseJsonSegments } from './json-segments';
import { parseRttmStm, parseStm } from './rttm-stm';
import { parseSrt } from './srt';
import { parseTextLog } from './text-log';
import { parseWebVtt } from './webvtt';

const JSON_EXPECTED =
  'Azure fast or batch transcription, AWS Transcribe, AWS Call Analytics, or a list of segments with speaker, start, end and text';
const TEXT_EXPECTED =
  "WebVTT, SRT, RTTM, STM, JSON, CSV with a speaker and a text column, or a text log with lines such as '[00:01:02] Agent: Hello'";

/**
 * Reads a transcript file of any supported format (detected from the content; the extension
 * only breaks ties). Every problem with the input is an EarmarkError('invalid_params') whose
 * message starts with the file name.
 */
export function parseTranscript(input: TranscriptInput): ParsedTranscript {
  try {
    return dispatch(input);
  } catch (error) {
    if (error instanceof EarmarkError) throw error;
    // A parser bug, not bad input: still one error type for the caller, but not blamed on the file.
    const reason = error instanceof Error ? error.message : String(error);
    throw new EarmarkError('internal', `${input.fileName}: could not be read (${reason})`);
  }
}

function dispatch({ fileName, text: raw, companion }: TranscriptInput): ParsedTranscript {
  const text = prepareText(fileName, raw);

  if (looksLikeJson(text)) {
    const value = parseJson(fileName, text);
    const warnings = companion ? [`${companion.fileName} was not used: only RTTM and STM files pair up`] : [];
    const result = parseJsonTranscript(fileName, value);
    return { ...result, warnings: [...result.warnings, ...warnings] };
  }

  const kind = transcriptTextKind(fileName, text, true);
  if (kind === null) {
    if (isChatCsv(text)) fail(fileName, 'is a chat export, not a call transcript; import it as a chat');
    fail(fileName, `is not a transcript format Earmark knows (expected ${TEXT_EXPECTED})`);
  }

  if (kind === 'rttm' || kind === 'stm') {
    const other = companion ? { ...companion, text: prepareText(companion.fileName, companion.text) } : null;
    const otherKind = other ? transcriptTextKind(other.fileName, other.text, true) : null;
    const self = { fileName, text };
    if (other && kind === 'rttm' && otherKind === 'stm') return parseRttmStm(self, other);
    if (other && kind === 'stm' && otherKind === 'rttm') return parseRttmStm(other, self);
    if (other) {
      fail(
        other.fileName,
        `cannot be paired with ${fileName}: an ${kind.toUpperCase()} file pairs with an ${kind === 'rttm' ? 'STM' : 'RTTM'} file`,
      );
    }
    return kind === 'rttm' ? parseRttmStm(self, null) : parseStm(fileName, text);
  }

  const result = parseText(fileName, text, kind);
  if (companion) result.warnings.push(`${companion.fileName} was not used: only RTTM and STM files pair up`);
  return result;
}

function parseText(
  fileName: string,
  text: string,
  kind: 'webvtt' | 'srt' | 'csv' | 'text-log',
): ParsedTranscript {
  switch (kind) {
    case 'webvtt':
      return parseWebVtt(fileName, text);
    case 'srt':
      return parseSrt(fileName, text);
    case 'csv':
      return parseTranscriptCsv(fileName, text);
    case 'text-log':
      return parseTextLog(fileName, text);
  }
}

function parseJsonTranscript(fileName: string, value: unknown): ParsedTranscript {
  if (Array.isArray(value) && value.length === 0) fail(fileName, 'contains no transcript segments');
  switch (transcriptJsonFormat(value)) {
    case 'azure-fast':
      return parseAzureFast(fileName, value);
    case 'azure-batch':
      return parseAzureBatch(fileName, value);
    case 'aws-transcribe':
      return parseAwsTranscribe(fileName, value);
    case 'aws-call-analytics':
      return parseAwsCallAnalytics(fileName, value);
    case 'json-segments':
      return parseJsonSegments(fileName, value);
    case null: {
      const chat = chatJsonFormat(value);
      if (chat !== null)
        fail(fileName, `is a chat export (${chatName[chat]}), not a call transcript; import it as a chat`);
      fail(fileName, `is JSON but not a transcript format Earmark knows (expected ${JSON_EXPECTED})`);
    }
  }
}

const chatName = { abcd: 'ABCD', sgd: 'Schema-Guided Dialogue', json: 'chat messages' } as const;
