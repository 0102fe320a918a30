import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  applyMapping,
  detectKind,
  parseChats,
  parseTranscript,
  readTable,
} from '../../../electron/backend/import/formats';
import { parseDateTime } from '../../../electron/backend/import/formats/dates';
import { normaliseKey, pick } from '../../../electron/backend/import/formats/json';
import { formatMs } from '../../../electron/backend/import/formats/time';
import { EarmarkError } from '../../../shared/errors';

/** Speaker names as people write them: a word or two, letters only, no role words needed. */
const name = fc
  .array(fc.constantFrom('Anna', 'Agent', 'Kunde', 'Jussi', 'Customer', 'Mia', 'O’Neil', 'Jean-Luc'), {
    minLength: 1,
    maxLength: 2,
  })
  .map((w) => w.join(' '));
/** Subtitle text: words and punctuation, never a blank line (which would end the cue). */
const words = fc
  .array(fc.constantFrom('hello', 'there,', 'how', 'are', 'you?', 'Grüß', 'Gott.', 'kiitos', '42', '€5'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((w) => w.join(' '));
const cue = fc
  .tuple(fc.nat({ max: 10 * 3_600_000 }), fc.nat({ max: 600_000 }), name, words)
  .map(([startMs, length, speaker, text]) => ({ startMs, endMs: startMs + length, speaker, text }));

function expectOnlyEarmarkErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    // invalid_params only: an 'internal' error here would be a parser bug, not bad input.
    expect(error).toBeInstanceOf(EarmarkError);
    expect((error as EarmarkError).code).toBe('invalid_params');
  }
}

/** Fragments that steer random text into every detector: timing lines, JSON, RTTM, logs, CSV. */
const fragment = fc.oneof(
  fc.constantFrom(
    'WEBVTT\n',
    '-->',
    ' --> ',
    '00:00:01.000',
    '00:00:01,000',
    '99:99',
    '\n',
    '\n\n',
    ': ',
    'Agent: ',
    '[10:02:13] ',
    '<v Anna>',
    '</v>',
    '<Diane> ',
    'SPEAKER a 1 ',
    'a 1 Diane 6.68 7.16 ',
    '-5',
    '1e999',
    '"',
    ',',
    ';',
    '\t',
    'speaker,start,end,text\n',
    'conversation_id,sender,text\n',
    '{',
    '}',
    '[',
    ']',
    '&#x110000;',
    '\uFEFF',
    '\r',
  ),
  fc.string({ maxLength: 8 }),
);
const messyText = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

describe('property: round trips', () => {
  it('any well-formed SRT keeps its times, speakers and text', () => {
    fc.assert(
      fc.property(fc.array(cue, { minLength: 1, maxLength: 20 }), (cues) => {
        const srt = cues
          .map((c, i) => {
            const time = (ms: number) => formatMs(ms).replace('.', ',');
            return `${i + 1}\n${time(c.startMs)} --> ${time(c.endMs)}\n${c.speaker}: ${c.text}\n`;
          })
          .join('\n');
        const parsed = parseTranscript({ fileName: 'p.srt', text: srt });
        const sorted = [...cues].sort((a, b) => a.startMs - b.startMs);
        expect(parsed.format).toBe('srt');
        expect(parsed.segments.map((s) => [s.startMs, s.endMs, s.speakerLabel, s.text])).toEqual(
          sorted.map((c) => [c.startMs, c.endMs, c.speaker, c.text]),
        );
      }),
    );
  });

  it('any well-formed WebVTT with voice spans keeps its times, speakers and text', () => {
    fc.assert(
      fc.property(fc.array(cue, { minLength: 1, maxLength: 20 }), (cues) => {
        const vtt = `WEBVTT\n\n${cues.map((c) => `${formatMs(c.startMs)} --> ${formatMs(c.endMs)}\n<v ${c.speaker}>${c.text}</v>\n`).join('\n')}`;
        const parsed = parseTranscript({ fileName: 'p.vtt', text: vtt });
        const sorted = [...cues].sort((a, b) => a.startMs - b.startMs);
        expect(parsed.segments.map((s) => [s.startMs, s.endMs, s.speakerLabel, s.text])).toEqual(
          sorted.map((c) => [c.startMs, c.endMs, c.speaker, c.text]),
        );
      }),
    );
  });

  it('any CSV transcript written by a spreadsheet tool (quotes, line breaks, any delimiter) reads back', () => {
    const cell = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.trim() !== '');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.nat({ max: 3_600_000 }), fc.nat({ max: 60_000 }), cell), {
          minLength: 1,
          maxLength: 15,
        }),
        fc.constantFrom(',', ';', '\t'),
        (rows, delimiter) => {
          const csv = Papa.unparse(
            [
              ['speaker', 'start_ms', 'end_ms', 'text'],
              ...rows.map(([s, start, length, text]) => [s, start, start + length, text]),
            ],
            { delimiter, quotes: true },
          );
          const parsed = parseTranscript({ fileName: 'p.csv', text: csv });
          expect(parsed.segments.map((s) => [s.speakerLabel, s.startMs, s.text])).toEqual(
            [...rows]
              .sort((a, b) => a[1] - b[1])
              .map(([s, start, , text]) => [s, start, text.replace(/\r\n?/g, '\n')]),
          );
        },
      ),
    );
  });
});

describe('property: bad input only ever raises EarmarkError(invalid_params)', () => {
  it('parseTranscript on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), messyText),
        fc.constantFrom('x.vtt', 'x.srt', 'x.json', 'x.txt', 'x.csv', 'x.rttm', 'x.stm', 'x'),
        (text, fileName) => {
          expectOnlyEarmarkErrors(() => parseTranscript({ fileName, text }));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parseTranscript and parseChats on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        expectOnlyEarmarkErrors(() => parseTranscript({ fileName: 'x.json', text }));
        expectOnlyEarmarkErrors(() => parseChats({ fileName: 'x.json', text }));
      }),
      { numRuns: 1000 },
    );
  });

  it('parseTranscript on near-miss shapes of every JSON format', () => {
    const shapes = fc.oneof(
      fc.record({
        duration: fc.anything(),
        phrases: fc.array(
          fc.dictionary(fc.constantFrom('offset', 'duration', 'text', 'speaker', 'channel'), fc.anything()),
        ),
      }),
      fc.record({
        recognizedPhrases: fc.array(
          fc.dictionary(
            fc.constantFrom(
              'offsetInTicks',
              'durationInTicks',
              'offset',
              'nBest',
              'speaker',
              'recognitionStatus',
            ),
            fc.anything(),
          ),
        ),
      }),
      fc.record({
        results: fc.record({
          items: fc.array(
            fc.dictionary(
              fc.constantFrom('start_time', 'end_time', 'alternatives', 'type', 'speaker_label'),
              fc.anything(),
            ),
          ),
        }),
      }),
      fc.record({
        SpeechSegments: fc.array(
          fc.dictionary(
            fc.constantFrom('SegmentStartTime', 'SegmentEndTime', 'SegmentSpeaker', 'DisplayText'),
            fc.anything(),
          ),
        ),
      }),
      fc.array(
        fc.dictionary(
          fc.constantFrom('speaker', 'start', 'end', 'startMs', 'text', 'conversationId', 'sender'),
          fc.anything(),
        ),
      ),
    );
    fc.assert(
      fc.property(shapes, (value) => {
        const text = JSON.stringify(value) ?? 'null';
        expectOnlyEarmarkErrors(() => parseTranscript({ fileName: 'x.json', text }));
        expectOnlyEarmarkErrors(() => parseChats({ fileName: 'x.json', text }));
      }),
      { numRuns: 1000 },
    );
  });

  it('parseChats on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), messyText), (text) => {
        expectOnlyEarmarkErrors(() => parseChats({ fileName: 'x.csv', text }));
      }),
      { numRuns: 1000 },
    );
  });

  it('readTable and detectKind on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        detectKind('x.bin', bytes);
        try {
          await readTable({ fileName: 'x.csv', bytes: Buffer.from(bytes) });
        } catch (error) {
          expect(error).toBeInstanceOf(EarmarkError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('applyMapping never throws on any cell values, and accounts for every non-blank row', () => {
    const columns = ['F', 'A', 'S', 'D', 'C'];
    const row = fc.record(
      Object.fromEntries(columns.map((c) => [c, fc.oneof(fc.string(), fc.constant(''))])),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const { entries, errors } = applyMapping(rows as Record<string, string>[], {
          file: 'F',
          agent: 'A',
          startedAt: 'S',
          direction: 'D',
          channel: 'C',
        });
        const reported = new Set([...entries.map((e) => e.row), ...errors.map((e) => e.row)]);
        const nonBlank = rows
          .map((r, i) => [r, i + 2] as const)
          .filter(([r]) => Object.values(r).some((v) => v.trim() !== ''));
        expect([...reported].sort((a, b) => a - b)).toEqual(nonBlank.map(([, n]) => n));
      }),
    );
  });

  it('a canonical UTC timestamp is kept exactly when it names a real instant, as a Date round trip says', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    // Fields a little past their ranges too: month 13, day 31 in a 30-day month, 29 February, hour 24, second 60.
    const stamp = fc
      .tuple(
        fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100)),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([y, mo, d, h, mi, s, ms]) =>
          `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`,
      );
    fc.assert(
      fc.property(stamp, (value) => {
        const date = new Date(value);
        const real = !Number.isNaN(date.getTime()) && date.toISOString() === value;
        if (real) expect(parseDateTime(value)).toBe(value);
        else expect(parseDateTime(value)).not.toBe(value);
      }),
      { numRuns: 2000 },
    );
    expect(parseDateTime('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(parseDateTime('2023-02-29T10:00:00.000Z')).toBeNull();
    expect(parseDateTime('2026-04-31T10:00:00.000Z')).toBeNull();
    expect(parseDateTime(' 2026-01-05T24:00:00.000Z ')).not.toBe('2026-01-05T24:00:00.000Z');
  });

  it('pick finds the key of the earliest synonym, the first of keys alike, as trying synonym after synonym does', () => {
    const synonyms = ['conversation id', 'conversation', 'chat id', 'Text', 'message', 'text'];
    const key = fc.constantFrom(
      'conversationId',
      'conversation_id',
      'Conversation ID',
      'conversation',
      'chatId',
      'text',
      'TEXT',
      'message',
      'body',
      'sender',
    );
    const bySynonym = (obj: Record<string, unknown>) => {
      for (const synonym of synonyms) {
        const found = Object.keys(obj).find((k) => normaliseKey(k) === normaliseKey(synonym));
        if (found !== undefined) return { key: found, value: obj[found] };
      }
      return null;
    };
    fc.assert(
      fc.property(fc.dictionary(key, fc.integer()), (obj) => {
        expect(pick(obj, synonyms)).toEqual(bySynonym(obj));
      }),
      { numRuns: 500 },
    );
  });
});
