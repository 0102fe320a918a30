import type { UnrecognisedReason } from '../../../../shared/api';
import { isChatCsv } from './chats/generic-csv';
import { looksLikeJson } from './json';
import { chatJsonFormat, extensionOf, transcriptJsonFormat, transcriptTextKind } from './shapes';
import { isTranscriptCsv } from './transcripts/csv';

export type FileKind = 'audio' | 'transcript' | 'chat' | 'manifest' | 'unknown';

const AUDIO_EXTENSIONS = new Set(
  'wav wave mp3 ogg opus oga flac aif aiff aifc m4a mp4 aac wma amr gsm au snd webm mka mkv'.split(' '),
);
const TABLE_EXTENSIONS = new Set(['csv', 'tsv', 'xlsx', 'xls']);

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

/** Containers and streams by their magic bytes. */
function isAudio(b: Uint8Array): boolean {
  const at = (i: number, text: string) => ascii(b, i, text.length) === text;
  if (at(0, 'RIFF') && (at(8, 'WAVE') || at(8, 'RF64'))) return true;
  if (at(0, 'RF64') || at(0, 'BW64')) return true;
  if (at(0, 'FORM') && (at(8, 'AIFF') || at(8, 'AIFC'))) return true;
  if (at(0, 'ID3') || at(0, 'OggS') || at(0, 'fLaC') || at(0, '#!AMR') || at(0, '.snd')) return true;
  if (at(4, 'ftyp')) return true;
  // EBML: Matroska / WebM (browser and WebRTC call recorders write audio-only WebM).
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return true;
  // MPEG audio frame sync (MP3, ADTS AAC): 11 set bits.
  return b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0;
}

/**
 * Sorts a dropped file by its first bytes (a few KB is plenty; a truncated JSON prefix is
 * fine). Audio goes by magic bytes, falling back to an audio extension so that a damaged
 * recording (say a .wav without its header) reaches the decoder and gets a real error instead
 * of vanishing from the import. Text goes by shape: chat exports vs transcript formats; any
 * other table is a manifest for the user to map.
 */
export function detectKind(fileName: string, firstBytes: Uint8Array): FileKind {
  const ext = extensionOf(fileName);
  if (!isUtf16Text(firstBytes) && isAudio(firstBytes)) return 'audio';
  if (firstBytes[0] === 0x50 && firstBytes[1] === 0x4b) return ext === 'xlsx' ? 'manifest' : 'unknown';
  if (firstBytes[0] === 0xd0 && firstBytes[1] === 0xcf) return ext === 'xls' ? 'manifest' : 'unknown';

  const text = decodePrefix(firstBytes);
  if (text === null) return AUDIO_EXTENSIONS.has(ext) ? 'audio' : 'unknown';
  if (looksLikeJson(text)) return jsonKind(text);
  if (isChatCsv(text)) return 'chat';
  if (isTranscriptCsv(text)) return 'transcript';
  if (TABLE_EXTENSIONS.has(ext)) return 'manifest';
  if (transcriptTextKind(fileName, text) !== null) return 'transcript';
  return AUDIO_EXTENSIONS.has(ext) ? 'audio' : 'unknown';
}

/** Why detectKind found a file to be 'unknown', for the import plan and the command line's report. */
export function unknownReason(firstBytes: Uint8Array): UnrecognisedReason {
  if (firstBytes.length === 0) return 'empty';
  if (
    (firstBytes[0] === 0x50 && firstBytes[1] === 0x4b) ||
    (firstBytes[0] === 0xd0 && firstBytes[1] === 0xcf)
  )
    return 'archive';
  const text = decodePrefix(firstBytes);
  if (text === null) return 'binary';
  return looksLikeJson(text) ? 'json' : 'text';
}

function utf16Of(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Excel's "Unicode text" and some dialer exports are UTF-16 with a byte-order mark, and FF FE
 * is also a valid MPEG frame sync. What follows tells them apart: Latin-script text in UTF-16
 * has a zero byte in nearly every code unit, audio data does not.
 */
function isUtf16Text(b: Uint8Array): boolean {
  const encoding = utf16Of(b);
  if (encoding === null) return false;
  const units = Math.min(32, Math.floor((b.length - 2) / 2));
  let zeros = 0;
  for (let i = 0; i < units; i++) if (b[2 + i * 2 + (encoding === 'utf-16le' ? 1 : 0)] === 0) zeros++;
  return units > 0 && zeros >= units * 0.8;
}

/** The prefix as text, or null when it is binary (NUL bytes outside UTF-16, or mostly not UTF-8). */
function decodePrefix(bytes: Uint8Array): string | null {
  const utf16 = utf16Of(bytes);
  if (bytes.length === 0 || (utf16 === null && bytes.includes(0))) return null;
  const text = new TextDecoder(utf16 ?? 'utf-8')
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const broken = text.split('\uFFFD').length - 1;
  return broken > 4 ? null : text;
}

function jsonKind(text: string): FileKind {
  try {
    const value: unknown = JSON.parse(text);
    if (chatJsonFormat(value) !== null) return 'chat';
    if (transcriptJsonFormat(value) !== null) return 'transcript';
    return 'unknown';
  } catch {
    return sniffJsonKeys(text);
  }
}

/** For a prefix cut mid-file: the keys near the top tell the formats apart. */
function sniffJsonKeys(text: string): FileKind {
  const has = (key: string) => new RegExp(`"${key}"\\s*:`).test(text);
  if (has('convo_id') || has('dialogue_id') || has('conversations')) return 'chat';
  if (['conversationId', 'conversation_id', 'chat_id', 'chatId'].some(has)) return 'chat';
  const transcriptKeys = [
    ...[
      'recognizedPhrases',
      'combinedRecognizedPhrases',
      'phrases',
      'combinedPhrases',
      'durationMilliseconds',
    ],
    ...['results', 'jobName', 'SpeechSegments', 'ConversationAnalytics', 'Transcript', 'segments'],
  ];
  if (transcriptKeys.some(has)) return 'transcript';
  return 'unknown';
}
