import { describe, expect, it } from 'vitest';
import { parseChatFile, parseChats } from '../../../electron/backend/import/formats';
import { fixture, invalidMessage } from './helpers';

const EXPECTED =
  'ABCD, Schema-Guided Dialogue, a JSON list of messages with conversationId, sender and text, {conversations: [{id, messages}]}, or a CSV with conversation, sender and text columns';

function message(fileName: string, text: string): string {
  return invalidMessage(() => parseChats({ fileName, text }));
}

describe('generic chat CSV', () => {
  it('groups rows by conversation in first-appearance order, keeps turn order, reads ISO and epoch times', () => {
    const chats = parseChats(fixture('chats.csv'));
    expect(chats.map((c) => c.externalId)).toEqual(['c-100', 'c-200']);
    const [parcel, bot] = chats;
    expect(parcel).toEqual({
      externalId: 'c-100',
      title: 'Chat c-100',
      startedAt: '2024-03-10T09:00:00.000Z',
      agentName: 'Anna',
      customerRef: null,
      turns: [
        { speaker: 'customer', text: 'Hi, where is my parcel?', sentAt: '2024-03-10T09:00:00.000Z' },
        { speaker: 'agent', text: 'Hello Pekka, let me check.', sentAt: '2024-03-10T09:00:30.000Z' },
        { speaker: 'agent', text: 'It arrives tomorrow,\nbefore noon.', sentAt: '2024-03-10T09:01:10.000Z' },
      ],
      metadata: { format: 'csv' },
    });
    expect(bot?.turns).toEqual([
      { speaker: 'system', text: 'Chat started', sentAt: '2024-03-10T09:00:00.000Z' },
      { speaker: 'customer', text: 'Hallo?', sentAt: '2024-03-10T09:00:05.000Z' },
    ]);
  });

  it('semicolons and a BOM', () => {
    const chats = parseChats({
      fileName: 'x.csv',
      text: '\uFEFFchat_id;sender;text\r\n1;Kunde;Hallo\r\n1;Berater;Guten Tag\r\n',
    });
    expect(chats[0]?.turns.map((t) => t.speaker)).toEqual(['customer', 'agent']);
    expect(chats[0]?.turns[0]?.sentAt).toBeNull();
  });
});

describe('generic chat JSON', () => {
  it('flat message list: epoch ms and zoned ISO times, sender words', () => {
    const chats = parseChats(fixture('chats.json'));
    expect(chats.map((c) => [c.externalId, c.turns.map((t) => t.speaker)])).toEqual([
      ['t-1', ['customer', 'agent']],
      ['t-2', ['system', 'customer']],
    ]);
    expect(chats[0]?.startedAt).toBe('2024-03-10T09:00:00.000Z');
    expect(chats[1]?.turns[0]?.sentAt).toBe('2024-03-10T09:00:00.000Z');
  });

  it('reads each message by its own keys where messages of one file name their fields differently', () => {
    // The keys of one message are reused for the next of the same keys (a bulk import's speed-up).
    const text = JSON.stringify([
      { conversationId: 'a', sender: 'customer', text: 'Hi', timestamp: '2024-03-10T09:00:00.000Z' },
      { conversationId: 'a', sender: 'agent', text: 'Hello', timestamp: '2024-03-10T09:00:05.000Z' },
      { text: 'Moi', chat_id: 'b', role: 'agent', from: 'Anna', time: 1710061200000 },
      { conversationId: 'a', Sender: 'customer', message: 'Thanks', body: 'not this' },
      { conversationId: 'a', sender: 'customer', text: 'Bye', timestamp: '2024-03-10T09:01:00.000Z' },
    ]);
    const chats = parseChats({ fileName: 'mixed.json', text });
    expect(chats.map((c) => [c.externalId, c.agentName, c.turns])).toEqual([
      [
        'a',
        null,
        [
          { speaker: 'customer', text: 'Hi', sentAt: '2024-03-10T09:00:00.000Z' },
          { speaker: 'agent', text: 'Hello', sentAt: '2024-03-10T09:00:05.000Z' },
          { speaker: 'customer', text: 'Thanks', sentAt: null },
          { speaker: 'customer', text: 'Bye', sentAt: '2024-03-10T09:01:00.000Z' },
        ],
      ],
      ['b', 'Anna', [{ speaker: 'agent', text: 'Moi', sentAt: '2024-03-10T09:00:00.000Z' }]],
    ]);
    expect(
      message('bad.json', JSON.stringify([...JSON.parse(text), { conversationId: 'a', sender: 'x' }])),
    ).toMatch(/message 6: has no text/);
  });

  it('{conversations: [...]}: conversation fields, metadata, empty conversation skipped with a warning', () => {
    const { chats, warnings } = parseChatFile(fixture('conversations.json'));
    expect(warnings).toEqual(['conversation conv-2 has no messages and was skipped']);
    expect(chats).toHaveLength(2);
    expect(chats[0]).toEqual({
      externalId: 'conv-1',
      title: 'Refund request',
      // No zone: local time of this machine.
      startedAt: new Date(2024, 2, 11, 8, 15, 0).toISOString(),
      agentName: 'Mikko',
      customerRef: 'CUST-77',
      turns: [
        {
          speaker: 'customer',
          text: 'I want a refund.',
          sentAt: new Date(2024, 2, 11, 8, 15, 0).toISOString(),
        },
        {
          speaker: 'agent',
          text: 'I can help with that.',
          sentAt: new Date(2024, 2, 11, 8, 15, 40).toISOString(),
        },
      ],
      metadata: { format: 'json', queue: 'billing' },
    });
    // A role field beside a sender name: the name of the agent side is kept.
    expect(chats[1]).toMatchObject({
      externalId: 'conv-3',
      agentName: 'Laura',
      title: 'Chat conv-3',
      startedAt: null,
    });
    expect(chats[1]?.turns.map((t) => t.speaker)).toEqual(['agent', 'customer']);
  });
});

describe('chat errors', () => {
  it('empty, broken, unknown', () => {
    expect(message('c.json', '  ')).toBe('c.json: the file is empty');
    expect(message('c.json', '[{"convo_id": ')).toMatch(
      /^c\.json: looks like JSON but is not valid JSON \(.+\)$/,
    );
    expect(message('c.json', '{"a": 1}')).toBe(
      `c.json: is JSON but not a chat format Earmark knows (expected ${EXPECTED})`,
    );
    expect(message('c.txt', 'just some words')).toBe(
      `c.txt: is not a chat format Earmark knows (expected ${EXPECTED})`,
    );
  });

  it('a file with no conversations at all', () => {
    expect(message('c.json', '[]')).toBe('c.json: contains no conversations');
    expect(message('c.json', '{"conversations": [{"id": "a", "messages": []}]}')).toBe(
      'c.json: contains no conversations',
    );
    expect(message('c.csv', 'conversation_id,sender,text\n')).toBe('c.csv: contains no conversations');
  });

  it('a transcript given as a chat', () => {
    expect(message('t.json', '{"SpeechSegments": []}')).toBe(
      't.json: is a call transcript, not a chat export; import it as a transcript',
    );
    expect(message('t.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n')).toBe(
      't.vtt: is a call transcript, not a chat export; import it as a transcript',
    );
  });

  it('senders that are neither side, bad roles, bad timestamps, missing fields', () => {
    expect(message('c.csv', 'conversation_id,sender,text\n1,Anna,Hi\n')).toBe(
      "c.csv: row 2: cannot tell whether sender 'Anna' is the agent or the customer (add a role: agent, customer or system)",
    );
    expect(message('c.csv', 'conversation_id,role,text\n1,agent,Hi\n1,boss,Hm\n')).toBe(
      "c.csv: row 3: role 'boss' is not agent, customer or system",
    );
    expect(message('c.csv', 'conversation_id,sender,time,text\n1,agent,yesterday,Hi\n')).toBe(
      'c.csv: row 2: timestamp "yesterday" is not a date',
    );
    expect(message('c.csv', 'conversation_id,sender,text\n,agent,Hi\n')).toBe(
      'c.csv: row 2: the conversation id is empty',
    );
    expect(message('c.csv', 'conversation_id,text\n1,Hi\n')).toBe(
      'c.csv: the header row needs conversation, sender (or role) and text columns (found: conversation_id, text)',
    );
    expect(
      message(
        'c.json',
        '[{"conversationId": "1", "sender": "agent", "text": "Hi"}, {"conversationId": "1", "text": "x"}]',
      ),
    ).toBe('c.json: message 2: has no sender or role');
    expect(
      message('c.json', '[{"conversationId": "1", "sender": "agent", "text": "Hi", "timestamp": -5}]'),
    ).toBe('c.json: message 1: timestamp -5 is not a date');
  });

  it('ABCD and SGD with unexpected speakers or shapes', () => {
    expect(message('abcd.json', '[{"convo_id": 7, "original": [["agent", "Hi"], ["manager", "Hm"]]}]')).toBe(
      "abcd.json: conversation 7, turn 2: speaker 'manager' is not agent, customer or action",
    );
    expect(message('abcd.json', '[{"convo_id": 7, "original": [["agent"]]}]')).toMatch(
      /^abcd\.json: \[0\]\.original\[0\]: /,
    );
    expect(
      message(
        'sgd.json',
        '[{"dialogue_id": "1_0", "services": [], "turns": [{"speaker": "BOT", "utterance": "x"}]}]',
      ),
    ).toBe("sgd.json: dialogue 1_0, turn 1: speaker 'BOT' is not USER or SYSTEM");
  });

  it('a dialogue without turns is skipped with a warning', () => {
    const { chats, warnings } = parseChatFile({
      fileName: 'sgd.json',
      text: JSON.stringify([
        { dialogue_id: 'a', services: ['Banks_1'], turns: [] },
        { dialogue_id: 'b', services: ['Banks_1'], turns: [{ speaker: 'USER', utterance: 'Balance?' }] },
      ]),
    });
    expect(warnings).toEqual(['dialogue a has no turns and was skipped']);
    expect(chats.map((c) => [c.externalId, c.title])).toEqual([['b', 'Banks']]);
  });
});
