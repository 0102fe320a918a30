import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  describeNamePatternError,
  matchFileName,
  parseNamePattern,
  type NamePattern,
  type NamePatternError,
  type PatternToken,
} from '../../../shared/import/name-pattern';

function pattern(source: string): NamePattern {
  const parsed = parseNamePattern(source);
  if (!parsed.ok) throw new Error(describeNamePatternError(parsed.error));
  return parsed.pattern;
}
function error(source: string): NamePatternError {
  const parsed = parseNamePattern(source);
  if (parsed.ok) throw new Error(`${source} parsed`);
  return parsed.error;
}

const RECORDER = '{*}_AGENT_{agent}_DT_{datetime:yyyy-MM-ddTHH-mm-ss}_{*}';

describe('reading details from file names', () => {
  it("reads a recorder's name: agent with underscores as spaces, start time as wall-clock time", () => {
    const name = '3f2a9c1e-77b4-4d0e-9a51-0c2d8e6b1f00_AGENT_Anna_Keller_DT_2024-03-10T14-30-05_in.wav';
    expect(matchFileName(pattern(RECORDER), name)).toEqual({
      matched: true,
      values: { agent: 'Anna Keller', startedAt: '2024-03-10T14:30:05' },
    });
  });

  it('reads the real two-leg file names of ../shared/data, and says when a name does not fit', () => {
    const legs = pattern('Auto_Repairs_{id}_UTC_{*}');
    expect(matchFileName(legs, 'Auto_Repairs_40_UTC_agent.wav')).toEqual({
      matched: true,
      values: { externalId: '40' },
    });
    expect(matchFileName(legs, 'test_call_audio.wav')).toEqual({ matched: false, reason: 'noMatch' });
  });

  it('matches without the extension first, else with it; letter case of literal text is ignored', () => {
    expect(matchFileName(pattern('{id}_{agent}'), '123_anna.wav')).toMatchObject({
      values: { externalId: '123', agent: 'anna' },
    });
    expect(matchFileName(pattern('{agent}.WAV'), 'ben.wav')).toMatchObject({ values: { agent: 'ben' } });
  });

  it('reads every detail a manifest can give', () => {
    const p = pattern('{team}-{queue}-{direction}-{customer}-{date:dd.MM.yy}_{time:HHmm}');
    expect(matchFileName(p, 'Billing-Hotline_DE-in-C4711-09.11.26_1405.mp3')).toEqual({
      matched: true,
      values: {
        team: 'Billing',
        queue: 'Hotline DE',
        direction: 'in',
        customerRef: 'C4711',
        startedAt: '2026-11-09T14:05:00',
      },
    });
  });

  it('takes as many digits as a one-or-two-digit part allows', () => {
    expect(matchFileName(pattern('{date:yyyyMd}_{agent}'), '20241231_x.wav')).toMatchObject({
      values: { startedAt: '2024-12-31' },
    });
    expect(matchFileName(pattern('{date:d.M.yyyy}-{agent}'), '3.7.2025-x')).toMatchObject({
      values: { startedAt: '2025-07-03' },
    });
  });

  it('refuses a name whose date is not a calendar date, and says which', () => {
    expect(matchFileName(pattern('{agent}_{date}'), 'anna_2023-02-29.wav')).toEqual({
      matched: false,
      reason: 'notADate',
      value: '2023-02-29',
    });
    expect(matchFileName(pattern('{agent}_{date}'), 'anna_2024-02-29.wav')).toMatchObject({ matched: true });
    expect(matchFileName(pattern('{agent}_{datetime:yyyyMMddHHmm}'), 'a_202403102460')).toMatchObject({
      reason: 'notADate',
    });
  });
});

describe('patterns with mistakes', () => {
  it.each([
    ['{agent_{date}', 'nestedBrace', 'A "{" at character 8 opens inside another placeholder'],
    ['{agent}_{date', 'unclosedBrace', 'The "{" at character 9 is never closed'],
    ['agent}_{date}', 'strayClosingBrace', 'The "}" at character 6 closes no "{"'],
    ['{agnt}_{date}', 'unknownPlaceholder', '{agnt} at character 1 is not a placeholder Earmark knows'],
    ['{}', 'emptyPlaceholder', 'The placeholder at character 1 is empty'],
    ['{agent:upper}', 'formatNotAllowed', '{agent} at character 1 takes no format'],
    ['{date:yyyy-MMM-dd}', 'unknownDatePart', '"MMM" at character 12 is not a date part'],
    ['{datetime:yyyy-MM-dd hh-mm}', 'unknownDatePart', '"hh" at character 22 is not a date part'],
    ['{agent}_{agent}', 'repeated', 'The {agent} is given twice (at character 9)'],
    ['{date}_{datetime}', 'repeated', 'The year (yyyy) is given twice'],
    ['{agent}{*}', 'adjacent', '{agent} and {*} follow each other at character 8'],
    ['{agent}_{date:yyyy-MM}', 'incompleteDate', 'The date at character 9 has no day (dd)'],
    ['{agent}_{time:HH-mm}', 'incompleteDate', 'has no year (yyyy)'],
    [
      '{agent}_{date}_{time:mm}',
      'incompleteDate',
      'The minutes (mm) at character 16 needs the hour (HH) too',
    ],
    ['calls/{agent}', 'folderSeparator', 'the folder separator at character 6 cannot be in one'],
    ['{*}.wav', 'nothingToRead', 'The pattern reads nothing'],
  ])('%s: %s', (source, code, message) => {
    const problem = error(source);
    expect(problem.code).toBe(code);
    expect(describeNamePatternError(problem)).toContain(message);
  });

  it('lets a fixed-width date follow a placeholder directly', () => {
    expect(matchFileName(pattern('{agent}{date:yyyyMMdd}'), 'anna20240310.wav')).toMatchObject({
      values: { agent: 'anna', startedAt: '2024-03-10' },
    });
  });
});

describe('properties', () => {
  it('never throws, and points every problem at a character of the pattern', () => {
    const alphabet = fc.constantFrom(...'{}:_-*/.aAdgeMyHmsST'.split(''), '{agent}', '{date:', '{*}');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet).map((parts) => parts.join('')),
        ),
        (source) => {
          const parsed = parseNamePattern(source);
          if (!parsed.ok) {
            expect(parsed.error.at).toBeGreaterThanOrEqual(0);
            expect(parsed.error.at).toBeLessThanOrEqual(source.length);
            expect(describeNamePatternError(parsed.error)).toMatch(/\S/);
          }
        },
      ),
    );
  });

  const date = fc
    .record({
      year: fc.integer({ min: 2000, max: 2099 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
    })
    .filter((d) => d.day <= daysInMonth(d.year, d.month));
  const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9]{1,12}$/);
  const agent = fc.array(word, { minLength: 1, maxLength: 3 });
  const two = (n: number) => String(n).padStart(2, '0');

  it('reads back the agent and the start time a recorder wrote into the name', () => {
    fc.assert(
      fc.property(fc.uuid(), agent, date, fc.stringMatching(/^[a-z0-9_-]{1,10}$/), (id, words, d, tail) => {
        const stamp = `${d.year}-${two(d.month)}-${two(d.day)}T${two(d.hour)}-${two(d.minute)}-${two(d.second)}`;
        const name = `${id}_AGENT_${words.join('_')}_DT_${stamp}_${tail}.wav`;
        expect(matchFileName(pattern(RECORDER), name)).toEqual({
          matched: true,
          values: {
            agent: words.join(' '),
            startedAt: `${d.year}-${two(d.month)}-${two(d.day)}T${two(d.hour)}:${two(d.minute)}:${two(d.second)}`,
          },
        });
      }),
    );
  });

  it('reads any calendar date in any order of its parts, and no impossible one', () => {
    const orders = fc.constantFrom('yyyy-MM-dd', 'dd.MM.yyyy', 'yyyyMMdd', 'MM_dd_yy', 'd.M.yyyy');
    fc.assert(
      fc.property(orders, date, fc.integer({ min: 0, max: 40 }), (order, d, badDay) => {
        const write = (day: number) =>
          order
            .replace('yyyy', String(d.year))
            .replace('yy', two(d.year % 100))
            .replace('MM', two(d.month))
            .replace('dd', two(day))
            .replace(/\bM\b/, String(d.month))
            .replace(/\bd\b/, String(day));
        const p = pattern(`{agent}_{date:${order}}`);
        expect(matchFileName(p, `x_${write(d.day)}.wav`)).toEqual({
          matched: true,
          values: { agent: 'x', startedAt: `${d.year}-${two(d.month)}-${two(d.day)}` },
        });
        const real = badDay >= 1 && badDay <= daysInMonth(d.year, d.month);
        if (!real && (badDay > 0 || !order.includes('d.'))) {
          expect(matchFileName(p, `x_${write(badDay)}.wav`).matched).toBe(false);
        }
      }),
    );
  });

  it('splits a name exactly as the equivalent regular expression would', () => {
    const piece = fc.oneof(
      fc.constantFrom('{agent}', '{team}', '{*}', '{id}', '{date:yyyyMd}', '{time:HHmm}'),
      fc.stringMatching(/^[a_.-]{1,3}$/),
    );
    const nameChar = fc.constantFrom(...'aA_.-0123'.split(''));
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 6 }),
        fc.array(nameChar, { maxLength: 16 }),
        (pieces, chars) => {
          const parsed = parseNamePattern(pieces.join(''));
          if (!parsed.ok) return;
          const name = chars.join('');
          const expected = regexSplit(parsed.pattern.tokens, name);
          const got = matchFileName(parsed.pattern, name);
          if (expected === null || !got.matched) {
            expect(got).toMatchObject({ matched: false, reason: expected === null ? 'noMatch' : 'notADate' });
            return;
          }
          // The text each placeholder got is the regular expression's group (underscores read as spaces in names).
          let group = 1;
          for (const token of parsed.pattern.tokens) {
            if (token.kind === 'literal') continue;
            const text = expected[group++]!;
            if (token.kind !== 'text') continue;
            const read = token.field === 'externalId' ? text : text.replace(/_+/g, ' ').trim();
            expect(got.values[token.field]).toBe(read);
          }
        },
      ),
    );
  });

  it('stays quick on a long name that almost matches many placeholders', () => {
    const p = pattern('{agent}_{team}_{queue}_{customer}_{id}_{*}_end');
    expect(matchFileName(p, `${'a_'.repeat(120)}x.wav`)).toEqual({ matched: false, reason: 'noMatch' });
  });
});

/** The same tokens as a regular expression (lazy text, greedy digits), tried without and with the extension. */
function regexSplit(tokens: PatternToken[], fileName: string): RegExpExecArray | null {
  const source = tokens
    .map((token) => {
      if (token.kind === 'literal') return token.text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      if (token.kind === 'digits') return `(\\d{${token.min},${token.max}})`;
      return '(.+?)';
    })
    .join('');
  const regex = new RegExp(`^${source}$`, 'i');
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? regex.exec(fileName.slice(0, dot)) : null) ?? regex.exec(fileName);
}
