import { EarmarkError } from '../../../../../shared/errors';
import { fail, prepareText } from '../errors';
import { looksLikeJson, parseJson } from '../json';
import { chatJsonFormat, transcriptJsonFormat, transcriptTextKind } from '../shapes';
import type { ChatInput, ParsedChat } from '../types';
import { parseAbcd } from './abcd';
import { isChatCsv, parseChatCsv } from './generic-csv';
import { parseGenericChatJson } from './generic-json';
import { parseSgd } from './sgd';

const EXPECTED =
  'ABCD, Schema-Guided Dialogue, a JSON list of messages with conversationId, sender and text, {conversations: [{id, messages}]}, or a CSV with conversation, sender and text columns';

/** Chats and what was skipped on the way (dialogues without turns). */
export function parseChatFile(input: ChatInput): { chats: ParsedChat[]; warnings: string[] } {
  try {
    return dispatch(input);
  } catch (error) {
    if (error instanceof EarmarkError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new EarmarkError('internal', `${input.fileName}: could not be read (${reason})`);
  }
}

/** The chats of an export file, in file order; turn order is kept. See parseChatFile for warnings. */
export function parseChats(input: ChatInput): ParsedChat[] {
  return parseChatFile(input).chats;
}

function dispatch({ fileName, text: raw }: ChatInput): { chats: ParsedChat[]; warnings: string[] } {
  const text = prepareText(fileName, raw);
  const warnings: string[] = [];
  let chats: ParsedChat[];
  if (looksLikeJson(text)) {
    const value = parseJson(fileName, text);
    if (Array.isArray(value) && value.length === 0) fail(fileName, 'contains no conversations');
    const format = chatJsonFormat(value);
    if (format === 'abcd') chats = parseAbcd(fileName, value, warnings);
    else if (format === 'sgd') chats = parseSgd(fileName, value, warnings);
    else if (format === 'json') chats = parseGenericChatJson(fileName, value, warnings);
    else if (transcriptJsonFormat(value) !== null) {
      fail(fileName, 'is a call transcript, not a chat export; import it as a transcript');
    } else fail(fileName, `is JSON but not a chat format Earmark knows (expected ${EXPECTED})`);
  } else if (isChatCsv(text)) {
    chats = parseChatCsv(fileName, text);
  } else if (transcriptTextKind(fileName, text) !== null) {
    fail(fileName, 'is a call transcript, not a chat export; import it as a transcript');
  } else {
    fail(fileName, `is not a chat format Earmark knows (expected ${EXPECTED})`);
  }
  if (chats.length === 0) fail(fileName, 'contains no conversations');
  return { chats, warnings };
}
