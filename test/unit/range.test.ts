import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../electron/backend/media/range';

describe('parseRange (RFC 9110 §14)', () => {
  it('reads the forms media elements send', () => {
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=10-19', 1000)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=999-999', 1000)).toEqual({ start: 999, end: 999 });
  });

  it('compares the unit case-insensitively and skips empty list elements', () => {
    expect(parseRange('Bytes=10-19', 1000)).toEqual({ start: 10, end: 19 });
    expect(parseRange('BYTES= 10-19 ', 1000)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=, 10-19 ,', 1000)).toEqual({ start: 10, end: 19 });
  });

  it('means "no range" when there is no header', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange('', 10)).toBeNull();
  });

  it('answers 416 only for a well-formed byte range that lies past the end', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=1000-2000', 1000)).toBe('unsatisfiable');
    expect(parseRange(`bytes=${'9'.repeat(30)}-`, 1000)).toBe('unsatisfiable');
    // A zero-length suffix names no bytes at all.
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores other units, several ranges and garbage: the whole body, not 416', () => {
    for (const header of [
      'items=0-1',
      'lines=1-2',
      'none',
      'bytes 0-1',
      'bytes=0-1,5-6',
      'bytes=0-1, 2-3',
      'bytes=-',
      'bytes=',
      'bytes=a-b',
      'bytes=x-y',
      'bytes=1-2-3',
      'bytes=0x10-',
      'bytes=+1-2',
      'bytes=5-4', // last before first is an invalid range-spec
      'bytes=50-10',
      `bytes=${'9'.repeat(20)}1-${'9'.repeat(20)}0`,
      'bytes = 0-1',
      '=0-1',
    ]) {
      expect(parseRange(header, 1000), header).toBeNull();
    }
  });

  it('lets an empty file be sent whole for a suffix range', () => {
    expect(parseRange('bytes=-10', 0)).toBeNull();
  });

  it('never returns a range outside the file', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(10_000), (header, size) => {
        const range = parseRange(header, size);
        if (range === null || range === 'unsatisfiable') return;
        expect(range.start).toBeGreaterThanOrEqual(0);
        expect(range.end).toBeLessThan(size);
        expect(range.start).toBeLessThanOrEqual(range.end);
      }),
    );
    fc.assert(
      fc.property(fc.nat(20_000), fc.nat(20_000), fc.integer({ min: 1, max: 10_000 }), (a, b, size) => {
        const range = parseRange(`bytes=${a}-${b}`, size);
        if (b < a) expect(range).toBeNull();
        else if (a >= size) expect(range).toBe('unsatisfiable');
        else expect(range).toEqual({ start: a, end: Math.min(b, size - 1) });
      }),
    );
  });
});
