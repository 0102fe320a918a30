import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../electron/backend/db/database';
import { describeEachEngine, engineDatabase } from '../../support/engines';

/**
 * insertMany, the bulk path imports take (multi-row statements on SQLite, COPY on PostgreSQL): whatever
 * goes in comes back byte for byte, and a bulk insert that fails leaves nothing of its transaction.
 */
let database: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ database, cleanup } = await engineDatabase()));
afterAll(() => cleanup());

/** Text COPY's own format would mistake for separators, escapes or NULL, and text beyond ASCII. */
const awkward = [
  'Tab\there',
  'Line one\nline two\r\nline three',
  'Back\\slash and \\N and \\t',
  '\\N',
  '',
  'Grüß Gott, Äiti söi öljyä 🙂',
  'Quotes "double" and \'single\', commas, semicolons;',
];

async function newChat(title: string): Promise<number> {
  const { id } = await database.query
    .insertInto('interactions')
    .values({ kind: 'chat', title, source: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

describeEachEngine('bulk inserts', () => {
  it('store every character of every row as given, NULLs as NULLs, across many rows', async () => {
    const interactionId = await newChat('Bulk');
    const rows = Array.from({ length: 1_234 }, (_, seq) => ({
      interaction_id: interactionId,
      seq,
      speaker: seq % 3 === 0 ? ('system' as const) : seq % 2 ? ('agent' as const) : ('customer' as const),
      start_ms: seq % 5 === 0 ? null : seq * 1000,
      end_ms: seq % 5 === 0 ? null : seq * 1000 + 999,
      sent_at: seq % 2 ? `2026-03-02T09:${String(seq % 60).padStart(2, '0')}:00.000Z` : null,
      text: `${awkward[seq % awkward.length]} #${seq}`,
    }));
    expect(await database.insertMany(database.query, 'segments', rows)).toBe(rows.length);
    const stored = await database.query
      .selectFrom('segments')
      .select(['interaction_id', 'seq', 'speaker', 'start_ms', 'end_ms', 'sent_at', 'text'])
      .where('interaction_id', '=', interactionId)
      .orderBy('seq')
      .execute();
    expect(stored).toEqual(rows);
  });

  it('stores bytes as bytes', async () => {
    const { id: recordingId } = await database.query
      .insertInto('recordings')
      .values({
        interaction_id: await newChat('Peaks'),
        path: '/nowhere.wav',
        size_bytes: 1,
        sha256: 'x',
        container: 'wav',
        codec: 'pcm_s16le',
        sample_rate: 8000,
        channels: 1,
        duration_ms: 1,
        channel_roles: null,
        source_paths: null,
        claimed_duration_ms: null,
        damage: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const data = Buffer.from([0, 1, 9, 10, 13, 92, 127, 128, 255]);
    const rows = Array.from({ length: 60 }, (_, level) => ({
      recording_id: recordingId,
      samples_per_peak: 64 * (level + 1),
      channel: 0,
      data: Buffer.concat([data, Buffer.from([level])]),
    }));
    await database.insertMany(database.query, 'peaks', rows);
    const stored = await database.query
      .selectFrom('peaks')
      .select(['samples_per_peak', 'data'])
      .where('recording_id', '=', recordingId)
      .orderBy('samples_per_peak')
      .execute();
    expect(stored.map((row) => Buffer.from(row.data))).toEqual(rows.map((row) => row.data));
  });

  it('leaves nothing of a transaction whose bulk insert breaks a rule', async () => {
    const interactionId = await newChat('Refused');
    const rows = Array.from({ length: 200 }, (_, seq) => ({
      interaction_id: interactionId,
      // The last row repeats a number: (interaction_id, seq) is unique.
      seq: Math.min(seq, 198),
      speaker: 'agent' as const,
      text: `Zeile ${seq}`,
    }));
    await expect(
      database.transaction(async (trx) => {
        await trx
          .updateTable('interactions')
          .set({ title: 'Changed' })
          .where('id', '=', interactionId)
          .execute();
        await database.insertMany(trx, 'segments', rows);
      }),
    ).rejects.toThrow();
    const left = await database.query
      .selectFrom('segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('interaction_id', '=', interactionId)
      .executeTakeFirstOrThrow();
    expect(left.n).toBe(0);
    const { title } = await database.query
      .selectFrom('interactions')
      .select('title')
      .where('id', '=', interactionId)
      .executeTakeFirstOrThrow();
    expect(title).toBe('Refused');
  });

  it('says once that the rows are on their way, by the time the insert is done: COPY, INSERT or none', async () => {
    const interactionId = await newChat('Sent');
    // 2,000 rows go by COPY on PostgreSQL, 3 by one INSERT; the caller prepares its next rows then.
    for (const [count, from] of [
      [2_000, 0],
      [3, 2_000],
      [0, 0],
    ] as const) {
      const rows = Array.from({ length: count }, (_, i) => ({
        interaction_id: interactionId,
        seq: from + i,
        speaker: 'agent' as const,
        text: `Row ${from + i}`,
      }));
      const calls: number[] = [];
      const inserted = await database.insertMany(database.query, 'segments', rows, () => calls.push(count));
      expect(inserted).toBe(count);
      expect(calls).toEqual([count]);
    }
    const stored = await database.query
      .selectFrom('segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('interaction_id', '=', interactionId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(2_003);
  });
});
