import { describe, expect, it } from 'vitest';
import { parseTypedDay, shownDayFormat } from '../../../renderer/src/app/day-format';

describe('days as people type them', () => {
  it('reads each language its own way, and the ISO form everywhere', () => {
    expect(parseTypedDay('04.12.2026', 'de')).toBe('2026-12-04');
    expect(parseTypedDay('4.12.2026', 'de')).toBe('2026-12-04');
    expect(parseTypedDay('4.12.2026', 'fi')).toBe('2026-12-04');
    expect(parseTypedDay('04.2.2026', 'fi')).toBe('2026-02-04');
    expect(parseTypedDay('Dec 4, 2026', 'en')).toBe('2026-12-04');
    for (const language of ['en', 'de', 'fi'])
      expect(parseTypedDay('2026-12-04', language)).toBe('2026-12-04');
  });

  it('gives nothing for half-typed or impossible days, so no wrong day is saved while typing', () => {
    expect(parseTypedDay('04.12.20', 'de')).toBeNull();
    expect(parseTypedDay('2026-12-0', 'en')).toBeNull();
    expect(parseTypedDay('31.11.2026', 'fi')).toBeNull();
    expect(parseTypedDay('', 'de')).toBeNull();
  });

  it('shows days as the rest of the app writes them', () => {
    expect(shownDayFormat('de')).toBe('DD.MM.YYYY');
    expect(shownDayFormat('fi')).toBe('D.M.YYYY');
    expect(shownDayFormat('en')).toBe('MMM D, YYYY');
  });
});
