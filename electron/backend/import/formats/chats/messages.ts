import { fail } from '../errors';
import { words } from '../json';
import type { ChatTurn, ParsedChat } from '../types';
import { sentAt, turnSpeaker } from './build';

/** Field names of generic chat exports (JSON keys or CSV headers), English, German, Finnish. */
export const FIELDS = {
  conversation: words(
    'conversation id, conversation, chat id, chat, dialogue id, session id, thread id, ticket id',
    'gespräch, gesprächs id',
    'keskustelu, keskustelun tunnus',
  ),
  role: words('role, sender role, sender type, participant role', 'rolle', 'rooli'),
  sender: words('sender, from, author, speaker, name, sender name', 'absender', 'lähettäjä'),
  time: words('timestamp, time, sent at, date, datetime, created at', 'zeit, zeitstempel', 'aika'),
  text: words('text, message, body, content', 'nachricht', 'viesti, teksti'),
};

export interface MessageRow {
  /** "message 3", "row 4": where the user finds it. */
  where: string;
  conversation: string;
  role: string | null;
  sender: string | null;
  time: unknown;
  text: string;
}

/** One export lists messages of many chats: group them by conversation, in first-appearance order. */
export function groupMessages(fileName: string, rows: MessageRow[], format: 'json' | 'csv'): ParsedChat[] {
  const chats = new Map<string, ParsedChat>();
  for (const row of rows) {
    if (row.conversation === '') fail(fileName, `${row.where}: the conversation id is empty`);
    let chat = chats.get(row.conversation);
    if (!chat) {
      chat = {
        externalId: row.conversation,
        title: `Chat ${row.conversation}`,
        startedAt: null,
        agentName: null,
        customerRef: null,
        turns: [],
        metadata: { format },
      };
      chats.set(row.conversation, chat);
    }
    const { turn, name } = turnOf(fileName, row);
    if (turn.speaker === 'agent' && name !== null) chat.agentName ??= name;
    chat.turns.push(turn);
  }
  for (const chat of chats.values()) chat.startedAt = chat.turns[0]?.sentAt ?? null;
  return [...chats.values()];
}

export function turnOf(
  fileName: string,
  row: Omit<MessageRow, 'conversation'>,
): { turn: ChatTurn; name: string | null } {
  const { speaker, name } = turnSpeaker(fileName, row.where, row.role, row.sender);
  return { turn: { speaker, text: row.text, sentAt: sentAt(fileName, row.where, row.time) }, name };
}
