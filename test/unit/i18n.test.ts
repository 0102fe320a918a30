import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

const localesDir = join(repoRoot, 'renderer', 'src', 'i18n', 'locales');
const languages = ['en', 'de', 'fi'];

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

/** i18next plural keys differ only by suffix; compare the base keys across languages. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const files = readdirSync(join(localesDir, 'en'));

  it('every language has the same feature files', () => {
    for (const language of languages)
      expect(readdirSync(join(localesDir, language)).sort()).toEqual([...files].sort());
  });

  for (const file of files) {
    it(`${file}: German and Finnish have every English string, with the same placeholders`, () => {
      const [en, ...others] = languages.map((language) =>
        flatten(JSON.parse(readFileSync(join(localesDir, language, file), 'utf8'))),
      );
      for (const [index, other] of others.entries()) {
        const language = languages[index + 1];
        expect(new Set([...other.keys()].map(base)), language).toEqual(new Set([...en!.keys()].map(base)));
        for (const [key, text] of other) {
          expect(text.trim(), `${language} ${key}`).not.toBe('');
          const english = en!.get(key) ?? en!.get(`${base(key)}_other`) ?? '';
          expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(english));
        }
      }
    });

    it(`${file}: a number keeps its % sign on the same line`, () => {
      // "(95" at a line's end and "% …" on the next: the space before % must be a no-break one.
      for (const language of languages) {
        const texts = flatten(JSON.parse(readFileSync(join(localesDir, language, file), 'utf8')));
        for (const [key, text] of texts) expect(text, `${language} ${key}`).not.toMatch(/(\d|\}\}) %/);
      }
    });
  }
});
