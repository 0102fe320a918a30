import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFtsQuery, toTsQuery } from '../../electron/backend/services/search-query';

describe('toFtsQuery', () => {
  it('matches bare words as prefixes, all of them', () => {
    expect(toFtsQuery('refund card')).toBe('"refund"* "card"*');
  });

  it('keeps quoted phrases exact', () => {
    expect(toFtsQuery('"double charge" refund')).toBe('"double charge" "refund"*');
  });

  it('splits words the way the tokenizer does and keeps letters of every language', () => {
    expect(toFtsQuery("can't Rückerstattung hyvitys")).toBe('"can"* "t" "Rückerstattung"* "hyvitys"*');
  });

  it('matches words shorter than three letters whole, not as prefixes', () => {
    expect(toFtsQuery('ok no thanks')).toBe('"ok" "no" "thanks"*');
  });

  it('drops FTS5 syntax instead of passing it through', () => {
    expect(toFtsQuery('NEAR(a b) OR c* -d ^e {col}:f')).toBe('"NEAR"* "a" "b" "OR" "c" "d" "e" "col"* "f"');
  });

  it('gives null when nothing searchable is left', () => {
    expect(toFtsQuery('  ?! "" ')).toBeNull();
  });

  it('only ever emits quoted terms, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const query = toFtsQuery(text);
        if (query !== null) expect(query).toMatch(/^("[\p{L}\p{N} ]+"\*?)( "[\p{L}\p{N} ]+"\*?)*$/u);
      }),
    );
  });
});

describe('toTsQuery', () => {
  it('gives PostgreSQL the same terms: prefixes, whole short words, phrases in a row, all of them', () => {
    expect(toTsQuery('"double charge" refund ok')).toBe('(double <-> charge) & refund:* & (ok)');
  });

  it('drops tsquery syntax instead of passing it through', () => {
    expect(toTsQuery("a:* | !b & c<->d (e) Müller's")).toBe('(a) & (b) & (c) & (d) & (e) & Müller:* & (s)');
    expect(toTsQuery('  ?! "" ')).toBeNull();
  });
});
