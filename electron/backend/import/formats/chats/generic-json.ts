import { fail } from '../errors';
import { isRecord, keysPicker, normaliseKey, pick, scalarText, words } from '../json';
import type { ParsedChat } from '../types';
import { sentAt } from './build';
import type { MessageRow } from './messages';
import { FIELDS, groupMessages, turnOf } from './messages';

/**
 * Generic chat JSON, two shapes:
 * - flat: `[{conversationId, sender|role, timestamp, text}]`, grouped by conversation;
 * - nested: `{conversations: [{id, title?, agent?, customer?, startedAt?, messages: [...]}]}`
 *   (or the bare array of conversations). Other scalar conversation fields go to metadata.
 */
const CONVERSATION = {
  id: words('id, conversation id, chat id'),
  title: words('title, subject, topic'),
  agent: words('agent, agent name'),
  customer: words('customer ref, customer id, customer'),
  startedAt: words('started at, start time, created at'),
  messages: words('messages, turns'),
};
const KNOWN = new Set(Object.values(CONVERSATION).flat().map(normaliseKey));

function conversations(value: unknown): unknown[] | null {
  const list = isRecord(value) ? pick(value, ['conversations', 'chats'])?.value : value;
  if (!Array.isArray(list) || !isRecord(list[0])) return null;
  return Array.isArray(pick(list[0], CONVERSATION.messages)?.value) ? list : null;
}

function isFlat(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    isRecord(value[0]) &&
    pick(value[0], FIELDS.conversation) !== null &&
    pick(value[0], FIELDS.text) !== null
  );
}

export function isGenericChatJson(value: unknown): boolean {
  return isFlat(value) || conversations(value) !== null;
}

/** A message's fields, by the keys the messages of one file name them with (keysPicker). */
type MessageKeys = ReturnType<typeof keysPicker<keyof typeof FIELDS>>;

function messageRow(
  fileName: string,
  keysOf: MessageKeys,
  m: unknown,
  where: string,
  conversation: string | null,
): MessageRow {
  if (!isRecord(m)) fail(fileName, `${where} is not an object`);
  const keys = keysOf(m);
  const text = valueOf(m, keys.text);
  if (typeof text !== 'string') fail(fileName, `${where}: has no text`);
  return {
    where,
    conversation: conversation ?? scalarText(valueOf(m, keys.conversation)) ?? '',
    role: scalarText(valueOf(m, keys.role)),
    sender: scalarText(valueOf(m, keys.sender)),
    time: valueOf(m, keys.time),
    text: text.trim(),
  };
}

const valueOf = (m: Record<string, unknown>, key: string | undefined) =>
  key === undefined ? undefined : m[key];

export function parseGenericChatJson(fileName: string, value: unknown, warnings: string[]): ParsedChat[] {
  const keysOf = keysPicker(FIELDS);
  if (isFlat(value)) {
    const rows = value.map((m, i) => messageRow(fileName, keysOf, m, `message ${i + 1}`, null));
    return groupMessages(fileName, rows, 'json');
  }
  const chats: ParsedChat[] = [];
  (conversations(value) ?? []).forEach((c, i) => {
    if (!isRecord(c)) fail(fileName, `conversation ${i + 1} is not an object`);
    const id = scalarText(pick(c, CONVERSATION.id)?.value) ?? String(i + 1);
    const messages = pick(c, CONVERSATION.messages)?.value;
    if (!Array.isArray(messages) || messages.length === 0) {
      warnings.push(`conversation ${id} has no messages and was skipped`);
      return;
    }
    let agentName = scalarText(pick(c, CONVERSATION.agent)?.value);
    const turns = messages.map((m, j) => {
      const { turn, name } = turnOf(
        fileName,
        messageRow(fileName, keysOf, m, `conversation ${id}, message ${j + 1}`, id),
      );
      if (turn.speaker === 'agent' && name !== null) agentName ??= name;
      return turn;
    });
    const started = pick(c, CONVERSATION.startedAt)?.value;
    const metadata: Record<string, string> = { format: 'json' };
    for (const [key, v] of Object.entries(c)) {
      const text = scalarText(v);
      if (text !== null && !KNOWN.has(normaliseKey(key))) metadata[key] = text;
    }
    chats.push({
      externalId: id,
      title: scalarText(pick(c, CONVERSATION.title)?.value) ?? `Chat ${id}`,
      startedAt:
        started === undefined
          ? (turns[0]?.sentAt ?? null)
          : sentAt(fileName, `conversation ${id}: startedAt`, started),
      agentName,
      customerRef: scalarText(pick(c, CONVERSATION.customer)?.value),
      turns,
      metadata,
    });
  });
  return chats;
}
