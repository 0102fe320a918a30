import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../electron/backend/db/database';
import { audioData, sharedData } from './paths';

type Speaker = 'agent' | 'customer' | 'system';

/** An interaction as the fixtures give it: a chat's turns or a call's timed transcript. */
export interface FixtureInteraction {
  kind: 'call' | 'chat';
  title: string;
  segments: { speaker: Speaker; startMs: number | null; endMs: number | null; text: string }[];
}

const chatsDir = join(sharedData, 'chats');
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const turn = (speaker: Speaker, text: string) => ({ speaker, startMs: null, endMs: null, text });
const timed = (speaker: Speaker, startMs: number, endMs: number, text: string) => ({
  speaker,
  startMs: Math.round(startMs),
  endMs: Math.round(endMs),
  text,
});

/**
 * The real chats and call transcripts of ../shared/data (see its README), read as they are: ABCD and
 * SGD chats, the Azure and AWS call transcripts and the pyannote STM.
 */
export function realFixtures(): FixtureInteraction[] {
  const abcd = json(join(chatsDir, 'asappresearch__abcd/abcd_sample.json')) as {
    convo_id: number;
    original: [string, string][];
  }[];
  const sgd = ['train/dialogues_032.json', 'test/dialogues_008.json'].flatMap(
    (file) =>
      json(join(chatsDir, 'google-research-datasets__dstc8-schema-guided-dialogue', file)) as {
        dialogue_id: string;
        turns: { speaker: 'USER' | 'SYSTEM'; utterance: string }[];
      }[],
  );
  const azure = json(
    join(audioData, 'Azure-Samples__cognitive-services-speech-sdk/transcription_response.csharp_client.json'),
  ) as { phrases: { speaker: number; offset: number; duration: number; text: string }[] };
  const aws = json(join(audioData, 'aws-samples__amazon-transcribe-post-call-analytics/testfile.json')) as {
    SpeechSegments: {
      SegmentStartTime: number;
      SegmentEndTime: number;
      SegmentSpeaker: string;
      DisplayText: string;
    }[];
  };
  const stm = readFileSync(join(audioData, 'pyannote__pyannote-audio/sample.stm'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => line.split(' '))
    .map(([, , who, start, end, ...words]) =>
      timed(
        who === 'Diane' ? 'agent' : 'customer',
        Number(start) * 1000,
        Number(end) * 1000,
        words.join(' '),
      ),
    );
  return [
    ...abcd.map((chat) => ({
      kind: 'chat' as const,
      title: `ABCD ${chat.convo_id}`,
      segments: chat.original.map(([who, text]) =>
        turn(who === 'agent' ? 'agent' : who === 'customer' ? 'customer' : 'system', text),
      ),
    })),
    ...sgd.map((chat) => ({
      kind: 'chat' as const,
      title: `SGD ${chat.dialogue_id}`,
      segments: chat.turns.map((t) => turn(t.speaker === 'SYSTEM' ? 'agent' : 'customer', t.utterance)),
    })),
    {
      kind: 'call',
      title: 'Azure test call',
      segments: azure.phrases.map((p) =>
        timed(p.speaker === 0 ? 'agent' : 'customer', p.offset, p.offset + p.duration, p.text),
      ),
    },
    {
      kind: 'call',
      title: 'AWS post-call analytics sample',
      segments: aws.SpeechSegments.map((s) =>
        timed(
          s.SegmentSpeaker === 'spk_0' ? 'agent' : 'customer',
          s.SegmentStartTime * 1000,
          s.SegmentEndTime * 1000,
          s.DisplayText,
        ),
      ),
    },
    { kind: 'call', title: 'Pyannote sample', segments: stm },
  ];
}

/**
 * Chats in the languages Earmark is used in, written for this test (the real corpora are English):
 * German and Finnish words with and without their diacritics, as customers type them.
 */
export const NORDIC_CHATS: FixtureInteraction[] = [
  {
    kind: 'chat',
    title: 'Rückerstattung Müller',
    segments: [
      turn('customer', 'Guten Tag, hier ist Herr Müller. Ich möchte eine Rückerstattung für die Rechnung.'),
      turn('agent', 'Die Rückerstattung wird heute gebucht, Herr Müller.'),
    ],
  },
  {
    kind: 'chat',
    title: 'Mueller ohne Umlaut',
    segments: [
      turn('customer', 'Mein Name ist Muller, meine Rechnung ist zu hoch und ich bin sehr verargert'),
      turn('agent', 'Das tut mir leid. Ich andere die Rechnung sofort.'),
    ],
  },
  {
    kind: 'chat',
    title: 'Lasku myöhässä',
    segments: [
      turn('customer', 'Hei, laskuni on myöhässä ja haluan hyvityksen.'),
      turn('agent', 'Hyvitys on käsittelyssä. Kiitos kärsivällisyydestä!'),
    ],
  },
  {
    kind: 'chat',
    title: 'Lasku ilman pisteitä',
    segments: [
      turn('customer', 'lasku on myohassa, kasittelyssa viela'),
      turn('agent', 'Kiitos, tarkistan.'),
    ],
  },
];

/**
 * The ranking fixture: sixty chats whose turns mention refunds more or less often, in turns of
 * different lengths, from a seeded generator (the same on every run and engine).
 */
export function rankingChats(): FixtureInteraction[] {
  const filler = [
    'please',
    'account',
    'invoice',
    'thanks',
    'waiting',
    'card',
    'today',
    'order',
    'help',
    'again',
  ];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = (n: number) => Array.from({ length: n }, () => filler[Math.floor(random() * filler.length)]!);
  return Array.from({ length: 60 }, (_, c) => ({
    kind: 'chat' as const,
    title: `Refund chat ${c}`,
    segments: Array.from({ length: 8 }, (_, n) => {
      const text = words(2 + Math.floor(random() * 12));
      if (random() < 0.3)
        text.splice(Math.floor(random() * text.length), 0, random() < 0.5 ? 'refund' : 'refunded');
      return turn(n % 2 ? 'agent' : 'customer', text.join(' '));
    }),
  }));
}

/**
 * Writes the interactions through the query layer, as an import does, in one transaction: start
 * times an hour apart from 1 January 2026 in the order given; on SQLite the new segments go into the
 * FTS5 index too (PostgreSQL's search column is generated). Returns the ids in order.
 */
export async function seedInteractions(
  database: Database,
  items: readonly FixtureInteraction[],
): Promise<number[]> {
  return database.transaction(async (trx) => {
    const before = await trx
      .selectFrom('segments')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const ids: number[] = [];
    for (const [n, item] of items.entries()) {
      const { id } = await trx
        .insertInto('interactions')
        .values({
          kind: item.kind,
          title: item.title,
          source: 'fixture',
          external_id: `fixture-${n}`,
          started_at: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(id);
      await database.insertMany(
        trx,
        'segments',
        item.segments.map((s, seq) => ({
          interaction_id: id,
          seq,
          speaker: s.speaker,
          start_ms: s.startMs,
          end_ms: s.endMs,
          sent_at: null,
          text: s.text,
        })),
      );
    }
    if (database.engine === 'sqlite') {
      await sql`INSERT INTO segments_fts (rowid, text) SELECT id, text FROM segments WHERE id > ${before?.id ?? 0}`.execute(
        trx,
      );
    }
    return ids;
  });
}
