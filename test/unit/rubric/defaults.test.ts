import { describe, expect, it } from 'vitest';
import {
  Rubric,
  builtInLanguages,
  builtInRubrics,
  defaultMysteryChecklist,
  defaultRubric,
  parseRubricJson,
  serializeRubric,
} from '../../../shared/rubric';
import type { RubricItem } from '../../../shared/rubric';

/** Everything but the words: ids, types, points, weights and flags. */
function structure(rubric: Rubric) {
  return {
    kind: rubric.kind,
    sections: rubric.sections.map((s) => ({
      id: s.id,
      weight: s.weight,
      items: s.items.map((item) => {
        const { title: _t, guidance: _g, examples: _e, ...rest } = item;
        return rest.type === 'choice'
          ? { ...rest, options: rest.options.map(({ label: _l, ...o }) => o) }
          : rest;
      }),
    })),
  };
}

/** Every translatable text of a rubric, keyed by where it is. */
function texts(rubric: Rubric): Map<string, string> {
  const out = new Map<string, string>([
    ['name', rubric.name],
    ['description', rubric.description],
  ]);
  for (const section of rubric.sections) {
    out.set(`${section.id}.title`, section.title);
    for (const item of section.items) {
      out.set(`${item.id}.title`, item.title);
      out.set(`${item.id}.guidance`, item.guidance);
      item.examples.forEach((example, i) => out.set(`${item.id}.examples[${i}]`, example));
      if (item.type === 'choice') for (const o of item.options) out.set(`${item.id}.${o.id}`, o.label);
    }
  }
  return out;
}

const families = [
  { name: 'courtesy and competence', get: defaultRubric },
  { name: 'mystery-call checklist', get: defaultMysteryChecklist },
];

describe('built-in rubrics', () => {
  it('all validate and survive a serialize/parse round trip', () => {
    expect(builtInRubrics).toHaveLength(6);
    for (const rubric of builtInRubrics) {
      expect(Rubric.safeParse(rubric).success, rubric.id).toBe(true);
      expect(parseRubricJson(serializeRubric(rubric))).toEqual(rubric);
    }
    expect(new Set(builtInRubrics.map((r) => r.id)).size).toBe(6);
  });

  describe.each(families)('$name', ({ get }) => {
    const en = get('en');

    it.each(builtInLanguages)('in %s has the same ids, types, points and flags as in English', (language) => {
      const rubric = get(language);
      expect(rubric.language).toBe(language);
      expect(structure(rubric)).toEqual(structure(en));
    });

    it.each(['de', 'fi'] as const)(
      'in %s is completely translated: no text empty, none left in English',
      (language) => {
        const translated = texts(get(language));
        const english = texts(en);
        expect([...translated.keys()]).toEqual([...english.keys()]);
        for (const [where, text] of translated) {
          expect(text.trim(), where).not.toBe('');
          expect(text, `${where} is still the English text`).not.toBe(english.get(where));
        }
      },
    );

    it('gives every item guidance and one or two examples', () => {
      for (const language of builtInLanguages) {
        for (const item of get(language).sections.flatMap((s) => s.items)) {
          expect(item.guidance.length, `${language} ${item.id}`).toBeGreaterThan(20);
          expect(item.examples.length, `${language} ${item.id}`).toBeGreaterThanOrEqual(1);
          expect(item.examples.length, `${language} ${item.id}`).toBeLessThanOrEqual(2);
        }
      }
    });
  });
});

describe('the default rubric matches docs/users.md', () => {
  const rubric = defaultRubric('en');
  const items = (sectionId: string): RubricItem[] =>
    rubric.sections.find((s) => s.id === sectionId)?.items ?? [];
  const describeItem = (item: RubricItem) =>
    `${item.type}${item.type === 'scale' ? ` 0-${item.max}` : ''}${item.naAllowed ? ' n.a.' : ''}${item.critical ? ' critical' : ''}`;

  it('courtesy: eight items with the listed types, n.a. and critical items', () => {
    expect(items('courtesy').map((i) => [i.id, describeItem(i)])).toEqual([
      ['greeting', 'yesNo'],
      ['customer-name', 'yesNo n.a.'],
      ['polite-tone', 'yesNo critical'],
      ['listening', 'scale 0-2'],
      ['empathy', 'scale 0-2'],
      ['apology', 'yesNo n.a.'],
      ['hold-etiquette', 'yesNo n.a.'],
      ['closing', 'yesNo'],
    ]);
  });

  it('competence: eight items; knowledge is 0-2 with a separate critical answer for wrong information with consequences', () => {
    expect(items('competence').map((i) => [i.id, describeItem(i)])).toEqual([
      ['needs-clarification', 'scale 0-2'],
      ['product-knowledge', 'choice critical'],
      ['options', 'yesNo n.a.'],
      ['objections', 'scale 0-2 n.a.'],
      ['honesty', 'yesNo critical'],
      ['ownership', 'scale 0-2'],
      ['escalation', 'yesNo n.a.'],
      ['documentation', 'yesNo'],
    ]);
    const knowledge = items('competence').find((i) => i.id === 'product-knowledge');
    expect(knowledge?.type === 'choice' && knowledge.options.map((o) => [o.id, o.points, o.fail])).toEqual([
      ['correct', 2, false],
      ['minor-gaps', 1, false],
      ['wrong', 0, false],
      ['wrong-with-consequences', 0, true],
    ]);
  });

  it('the mystery-call checklist has the eight checks of docs/users.md and is of kind mysteryChecklist', () => {
    const checklist = defaultMysteryChecklist('en');
    expect(checklist.kind).toBe('mysteryChecklist');
    expect(checklist.sections.flatMap((s) => s.items.map((i) => i.id))).toEqual([
      'answered-quickly',
      'greeting',
      'need-asked',
      'product-knowledge',
      'provocative-question',
      'options-offered',
      'next-step',
      'closing',
    ]);
  });
});
