import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

/**
 * The glossary (renderer/src/i18n/GLOSSARY.md) names one word per concept and language and the
 * synonyms we rejected; every string of every locale file keeps to it.
 */
const i18nDir = join(repoRoot, 'renderer', 'src', 'i18n');
const languages = ['en', 'de', 'fi'] as const;
type Language = (typeof languages)[number];

interface Row {
  concept: string;
  word: string;
  rejected: string[];
}

/** The glossary's table for a language: the rows under its `## … (xx)` heading. */
function glossary(language: Language): Row[] {
  const text = readFileSync(join(i18nDir, 'GLOSSARY.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.split('\n')[0]!.endsWith(`(${language})`));
  if (!section) throw new Error(`GLOSSARY.md has no section for ${language}`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter(([concept]) => concept !== 'Concept' && !/^-+$/.test(concept ?? ''))
    .map(([concept = '', word = '', , rejected = '']) => ({
      concept,
      word,
      rejected: rejected
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    }));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** "Mitarbeiter…" matches every word starting so; "Agents" only the whole word. */
function rejectedPattern(entry: string): RegExp {
  const prefix = entry.endsWith('…');
  const word = escape(prefix ? entry.slice(0, -1) : entry);
  return new RegExp(`(?<![\\p{L}\\p{N}])${word}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'iu');
}

function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, key ? `${key}.${k}` : k));
  return [];
}

function localeStrings(language: Language): [string, string][] {
  const dir = join(i18nDir, 'locales', language);
  return readdirSync(dir).flatMap((file) =>
    strings(JSON.parse(readFileSync(join(dir, file), 'utf8'))).map(
      ([key, text]) => [`${file} ${key}`, text] as [string, string],
    ),
  );
}

describe('the glossary', () => {
  it('names the same concepts, each once, for every language', () => {
    const concepts = languages.map((language) => glossary(language).map((row) => row.concept));
    expect(concepts[0]!.length).toBeGreaterThanOrEqual(30);
    for (const [index, list] of concepts.entries()) {
      expect(list, languages[index]).toEqual(concepts[0]);
      expect(new Set(list).size, languages[index]).toBe(list.length);
    }
  });

  it('never rejects the word it chose', () => {
    for (const language of languages)
      for (const row of glossary(language))
        for (const entry of row.rejected)
          expect(rejectedPattern(entry).test(row.word), `${language} ${row.concept}: ${entry}`).toBe(false);
  });

  it('catches a rejected word in any form the glossary says', () => {
    expect(rejectedPattern('Mitarbeiter…').test('Gesamtkommentar für die/den Mitarbeiter/in')).toBe(true);
    expect(rejectedPattern('asiakaspalvelij…').test('Yleiskommentti asiakaspalvelijalle')).toBe(true);
    expect(rejectedPattern('Agents').test('Alle Agents')).toBe(true);
    expect(rejectedPattern('Agents').test('Alle Agenten')).toBe(false);
    expect(rejectedPattern('Beitrag').test('Vorheriger Redebeitrag')).toBe(false);
    expect(rejectedPattern('asioin…').test('haamuasiointi')).toBe(false);
  });

  for (const language of languages) {
    it(`${language}: no locale string uses a rejected synonym`, () => {
      const rows = glossary(language);
      const found: string[] = [];
      for (const [where, text] of localeStrings(language)) {
        // {{reviewer}} names a placeholder, not a word anyone reads.
        const shown = text.replace(/\{\{\w+\}\}/g, '');
        for (const row of rows)
          for (const entry of row.rejected)
            if (rejectedPattern(entry).test(shown))
              found.push(`${where}: “${entry}” (use “${row.word}” for ${row.concept}) in “${text}”`);
      }
      expect(found).toEqual([]);
    });
  }
});
