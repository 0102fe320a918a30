import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ImportPlan, PlanItem } from '../../../shared/api';
import { parseNamePattern, type NamePatternError } from '../../../shared/import/name-pattern';
import { patternErrorText } from '../../../renderer/src/features/import/pattern-errors';
import {
  commonFolder,
  needsLook,
  patternFit,
  recordingChoices,
  shortName,
} from '../../../renderer/src/features/import/plan-view';
import { resources } from '../../../renderer/src/i18n';

const item = (file: string, becomes: PlanItem['becomes'], extra: Partial<PlanItem> = {}): PlanItem => ({
  file,
  becomes,
  with: null,
  leg: null,
  matchedBy: null,
  title: null,
  details: {},
  nameMatch: null,
  reason: null,
  problem: null,
  ...extra,
});
const planOf = (items: PlanItem[]) => ({ items }) as ImportPlan;

describe('the plan list', () => {
  it('shows each file below the folder they share', () => {
    const files = ['/exports/nov/a.wav', '/exports/nov/diarized/sample.stm', '/exports/nov/b.wav'];
    const folder = commonFolder(files);
    expect(folder).toBe('/exports/nov');
    expect(files.map((file) => shortName(file, folder))).toEqual(['a.wav', 'diarized/sample.stm', 'b.wav']);
    expect(shortName('/exports/nov/a.wav', commonFolder(['/exports/nov/a.wav']))).toBe('a.wav');
  });

  it('asks for a look at what is left out, unmatched or doubtful, not at what the user decided', () => {
    expect(needsLook(item('/a/x.txt', 'unrecognised', { reason: 'text' }))).toBe(true);
    expect(needsLook(item('/a/t.json', 'transcriptOnly'))).toBe(true);
    expect(needsLook(item('/a/t.json', 'transcriptOnly', { matchedBy: 'user' }))).toBe(false);
    expect(needsLook(item('/a/c.wav', 'call', { nameMatch: 'unmatched' }))).toBe(true);
    expect(needsLook(item('/a/c.wav', 'call', { nameMatch: 'matched' }))).toBe(false);
    expect(needsLook(item('/a/s.stm', 'transcript', { matchedBy: 'name' }))).toBe(false);
  });

  it('offers each call once as a recording to attach a transcript to', () => {
    const plan = planOf([
      item('/a/x_agent.wav', 'twoLegCall', { leg: 'agent' }),
      item('/a/x_caller.wav', 'twoLegCall', { leg: 'customer' }),
      item('/a/y.wav', 'call'),
      item('/a/t.json', 'transcriptOnly'),
    ]);
    expect(recordingChoices(plan, '/a')).toEqual([
      { value: '/a/x_agent.wav', label: 'x_agent.wav' },
      { value: '/a/y.wav', label: 'y.wav' },
    ]);
  });

  it('counts the names a pattern fits while it is typed, a pair by its agent leg', () => {
    const parsed = parseNamePattern('{agent}_{date:yyyyMMdd}');
    if (!parsed.ok) throw new Error('pattern');
    const plan = planOf([
      item('/a/anna_20260310_agent.wav', 'twoLegCall', { leg: 'agent' }),
      item('/a/anna_20260310_caller.wav', 'twoLegCall', { leg: 'customer' }),
      item('/a/ben_20260311.wav', 'call'),
      item('/a/ben_20260311.stm', 'transcript'),
      item('/a/notes.txt', 'unrecognised'),
    ]);
    expect(patternFit(parsed.pattern, plan)).toEqual({ fits: 1, of: 2 });
  });
});

describe('pattern mistakes in the user language', () => {
  const errors: NamePatternError[] = [
    { code: 'unclosedBrace', at: 3 },
    { code: 'strayClosingBrace', at: 3 },
    { code: 'nestedBrace', at: 3 },
    { code: 'emptyPlaceholder', at: 3 },
    { code: 'unknownPlaceholder', at: 3, name: 'agnt' },
    { code: 'formatNotAllowed', at: 3, name: 'agent' },
    { code: 'unknownDatePart', at: 3, part: 'hh' },
    { code: 'repeated', at: 3, name: 'year' },
    { code: 'repeated', at: 3, name: 'agent' },
    { code: 'adjacent', at: 3, first: 'agent', second: '*' },
    { code: 'incompleteDate', at: 3, missing: 'day', needs: null },
    { code: 'incompleteDate', at: 3, missing: 'hour', needs: 'minute' },
    { code: 'folderSeparator', at: 3 },
    { code: 'nothingToRead', at: 0 },
    { code: 'tooLong', at: 500, max: 500 },
  ];

  for (const language of ['en', 'de', 'fi']) {
    it(`${language}: names every problem with its place, and never shows a bare key`, async () => {
      const i18n = i18next.createInstance();
      await i18n.init({ resources, lng: language, interpolation: { escapeValue: false } });
      for (const error of errors) {
        const text = patternErrorText(i18n.t, error);
        expect(text, error.code).not.toMatch(/import\.pattern|\{\{/);
        if (error.code !== 'tooLong' && error.code !== 'nothingToRead')
          expect(text, error.code).toContain('4');
      }
      expect(patternErrorText(i18n.t, errors[4]!)).toContain('{agnt}');
      expect(patternErrorText(i18n.t, errors[9]!)).toContain('{*}');
    });
  }
});
