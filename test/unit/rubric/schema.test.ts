import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { parseRubric, parseRubricJson, serializeRubric } from '../../../shared/rubric';
import type { RubricInput } from '../../../shared/rubric';
import { rubricArb } from './arbitraries';

/** A small valid rubric as an author would write it (defaults left out). */
function sample(): RubricInput {
  return {
    id: 'sample',
    name: 'Sample',
    language: 'en',
    sections: [
      {
        id: 'courtesy',
        title: 'Courtesy',
        items: [
          { id: 'greeting', type: 'yesNo', title: 'Greeting' },
          { id: 'listening', type: 'scale', title: 'Listening', max: 2 },
          { id: 'tone', type: 'yesNo', title: 'Tone', critical: true },
        ],
      },
      {
        id: 'competence',
        title: 'Competence',
        items: [
          {
            id: 'knowledge',
            type: 'choice',
            title: 'Knowledge',
            critical: true,
            options: [
              { id: 'right', label: 'Right', points: 2 },
              { id: 'wrong', label: 'Wrong', points: 0 },
              { id: 'harmful', label: 'Wrong, with consequences', points: 0, fail: true },
            ],
          },
        ],
      },
    ],
  };
}

/** The sample as loose JSON, to break on purpose. */
type Draft = Record<string, unknown> & { sections: Record<string, unknown>[] };

/** The message parseRubricJson throws for `change` applied to the sample. */
function problemWith(change: (r: Draft) => void): string {
  const rubric = structuredClone(sample()) as unknown as Draft;
  change(rubric);
  try {
    parseRubricJson(JSON.stringify(rubric));
  } catch (error) {
    expect(error).toBeInstanceOf(EarmarkError);
    expect((error as EarmarkError).code).toBe('invalid_params');
    return (error as EarmarkError).message;
  }
  throw new Error('expected the rubric to be refused');
}

const items = (r: Draft, s: number) => r.sections[s]?.items as Record<string, unknown>[];

describe('parseRubricJson', () => {
  it('reads an author-written rubric and fills in the defaults', () => {
    const rubric = parseRubricJson(JSON.stringify(sample()));
    expect(rubric.kind).toBe('evaluation');
    expect(rubric.sections[0]?.weight).toBe(1);
    expect(rubric.sections[0]?.items[0]).toEqual({
      id: 'greeting',
      type: 'yesNo',
      title: 'Greeting',
      guidance: '',
      examples: [],
      weight: 1,
      naAllowed: false,
      critical: false,
      commentRequiredOnFail: false,
    });
  });

  it('says where the JSON is broken', () => {
    expect(() => parseRubricJson('{"id": "x",, }')).toThrow(
      /^Rubric JSON is not valid JSON: .*at position 11/,
    );
    expect(() => parseRubricJson('')).toThrow(/^Rubric JSON is not valid JSON: /);
  });

  it('names the place of an unknown item type', () => {
    const message = problemWith((r) => {
      const item = items(r, 1)[0];
      if (item) item.type = 'stars';
    });
    expect(message).toContain(
      "sections[1].items[0].type: unknown item type 'stars' (expected yesNo, scale or choice)",
    );
  });

  it('names the place of a negative weight', () => {
    const message = problemWith((r) => {
      const item = items(r, 0)[2];
      if (item) item.weight = -1;
    });
    expect(message).toContain('sections[0].items[2].weight must not be negative (got -1)');
  });

  it('names both places of a duplicate id, across sections and between sections and items', () => {
    expect(
      problemWith((r) => {
        const item = items(r, 1)[0];
        if (item) item.id = 'greeting';
      }),
    ).toContain("id 'greeting' is used twice: sections[0].items[0] and sections[1].items[0]");
    expect(
      problemWith((r) => {
        const item = items(r, 1)[0];
        if (item) item.id = 'courtesy';
      }),
    ).toContain("id 'courtesy' is used twice: sections[0] and sections[1].items[0]");
  });

  const cases: [string, (r: Draft) => void, string][] = [
    ['no sections', (r: Draft) => (r.sections = []), 'sections: a rubric needs at least one section'],
    [
      'an empty section',
      (r: Draft) => (r.sections[1] = { id: 'x', title: 'X', items: [] }),
      'sections[1].items: a section needs at least one item',
    ],
    ['a missing title', (r: Draft) => delete items(r, 0)[0]?.title, 'sections[0].items[0].title is missing'],
    ['a blank name', (r: Draft) => (r.name = '  '), 'name must not be empty'],
    [
      'a misspelt field',
      (r: Draft) => {
        const i = items(r, 0)[0];
        if (i) i.weigth = 2;
      },
      "sections[0].items[0]: unknown field 'weigth'",
    ],
    [
      'a weight with three decimals',
      (r: Draft) => (r.sections[0] = { ...r.sections[0], weight: 0.125 }),
      'sections[0].weight must have at most two decimal places (got 0.125)',
    ],
    [
      'a weight as text',
      (r: Draft) => (r.sections[0] = { ...r.sections[0], weight: '2' }),
      "sections[0].weight: expected a number (got '2')",
    ],
    [
      'a scale max of 0',
      (r: Draft) => {
        const i = items(r, 0)[1];
        if (i) i.max = 0;
      },
      'sections[0].items[1].max must be at least 1 (got 0)',
    ],
    [
      'a scale max of 11',
      (r: Draft) => {
        const i = items(r, 0)[1];
        if (i) i.max = 11;
      },
      'sections[0].items[1].max must be at most 10 (got 11)',
    ],
    [
      'a choice with one option',
      (r: Draft) => {
        const i = items(r, 1)[0];
        if (i) i.options = [{ id: 'a', label: 'A', points: 1 }];
      },
      'sections[1].items[0].options must have at least 2 entries',
    ],
    [
      'a bad id',
      (r: Draft) => {
        const i = items(r, 0)[0];
        if (i) i.id = 'greet ing';
      },
      "sections[0].items[0].id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (got 'greet ing')",
    ],
    [
      'an unknown kind',
      (r: Draft) => (r.kind = 'survey'),
      "kind must be 'evaluation' or 'mysteryChecklist' (got 'survey')",
    ],
    [
      'criticalWhen on a non-critical item',
      (r: Draft) => {
        const i = items(r, 0)[1];
        if (i) i.criticalWhen = [0];
      },
      'sections[0].items[1].criticalWhen: only applies to critical items',
    ],
    [
      'criticalWhen including the best answer',
      (r: Draft) => {
        const i = items(r, 0)[1];
        if (i) Object.assign(i, { critical: true, criticalWhen: [0, 2] });
      },
      'sections[0].items[1].criticalWhen[1] must be a scale value from 0 to 1; the best answer (2) cannot fail (got 2)',
    ],
    [
      'a critical choice without a fail option',
      (r: Draft) => {
        const i = items(r, 1)[0];
        if (i)
          i.options = [
            { id: 'a', label: 'A', points: 1 },
            { id: 'b', label: 'B', points: 0 },
          ];
      },
      'sections[1].items[0].critical: a critical choice item needs an option marked as fail',
    ],
    [
      'a fail option worth the most',
      (r: Draft) => {
        const i = items(r, 1)[0];
        if (i)
          i.options = [
            { id: 'a', label: 'A', points: 1 },
            { id: 'b', label: 'B', points: 3, fail: true },
          ];
      },
      "sections[1].items[0].options[1]: option 'b' is marked as fail but is worth more points (3) than every option that is not a fail",
    ],
    [
      'duplicate option ids',
      (r: Draft) => {
        const i = items(r, 1)[0];
        if (i)
          i.options = [
            { id: 'a', label: 'A', points: 1 },
            { id: 'a', label: 'B', points: 0, fail: true },
          ];
      },
      "sections[1].items[0].options[1].id: option id 'a' is used twice: options[0] and options[1]",
    ],
  ];
  it.each(cases)('refuses %s with a message naming the place', (_name, change, expected) => {
    expect(problemWith(change)).toContain(expected);
  });

  it('lists several problems at once, but not hundreds', () => {
    const message = problemWith((r) => {
      for (const item of items(r, 0)) item.weight = -1;
    });
    expect(message.match(/must not be negative/g)).toHaveLength(3);
    const many = {
      ...sample(),
      sections: Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, title: '', items: [] })),
    };
    expect(() => parseRubric(many)).toThrow(/and \d+ more problems$/);
  });
});

describe('serializeRubric', () => {
  it('round-trips every valid rubric: parse(serialize(r)) equals r, and serializing again gives the same text', () => {
    fc.assert(
      fc.property(rubricArb(), (generated) => {
        const rubric = parseRubric(generated);
        const text = serializeRubric(rubric);
        expect(parseRubricJson(text)).toEqual(rubric);
        expect(serializeRubric(parseRubricJson(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('is stable: key order in the input does not change the text', () => {
    fc.assert(
      fc.property(rubricArb(), (rubric) => {
        const reversed = JSON.parse(JSON.stringify(rubric), (_key, value: unknown) =>
          value !== null && typeof value === 'object' && !Array.isArray(value)
            ? Object.fromEntries(Object.entries(value).reverse())
            : value,
        ) as typeof rubric;
        expect(serializeRubric(reversed)).toBe(serializeRubric(rubric));
      }),
      { numRuns: 100 },
    );
  });

  it('writes pretty JSON with a final newline and the schema order (id, kind, name …)', () => {
    const text = serializeRubric(parseRubric(sample()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "id": "sample",\n  "kind": "evaluation",\n  "name": "Sample",')).toBe(true);
  });
});
