/**
 * Parsing the files a QA team receives into normalised data: transcripts, chat exports and
 * manifest tables. Pure functions over text or bytes: no database, no Electron. The import
 * pipeline reads the files, calls these and stores the results.
 *
 * Conventions shared by all formats:
 * - Errors: every problem with the input throws EarmarkError('invalid_params') whose message
 *   starts with the file name and says where ("line 7", "row 3", "phrases[2].offset").
 * - Text over 50 MB is refused (see MAX_TEXT_BYTES); callers may check the size first.
 * - Times are whole milliseconds from the start of the recording. Units follow the format
 *   (Azure ticks, AWS seconds, ...) or, for generic JSON/CSV, the key name (`startMs` is ms,
 *   `start` is seconds).
 * - Dates are ISO 8601 UTC strings; values without a zone are the local time of this machine.
 * - Speaker roles are suggested from words in the labels only (see roles.ts); anything else
 *   is null and `ambiguous` is set, so the UI asks instead of guessing.
 * - `recordingHint` is the file-name part of what the file names as its recording (URL or
 *   path stripped), or the job / file id the format carries (AWS jobName, STM file column).
 */
export { parseTranscript } from './transcripts';
export { NO_SPEAKER } from './transcripts/build';
export { parseChatFile, parseChats } from './chats';
export { readTable } from './manifest/read-table';
export type { Table } from './manifest/read-table';
export { applyMapping, manifestFields, readDetailCells, suggestMapping } from './manifest/mapping';
export type { ManifestEntry, ManifestField, ManifestMapping } from './manifest/mapping';
export { detectKind, unknownReason } from './detect';
export type { FileKind } from './detect';
export { MAX_TEXT_BYTES } from './errors';
export { roleFromLabel, suggestRoles } from './roles';
export { transcriptFormats } from './types';
export type {
  ChatInput,
  ChatTurn,
  ParsedChat,
  ParsedTranscript,
  TranscriptFormat,
  TranscriptInput,
  TranscriptSegment,
} from './types';
