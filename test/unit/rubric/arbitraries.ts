import fc from 'fast-check';
import type { Answer, AnswerValue, Rubric, RubricItem, RubricSection } from '../../../shared/rubric';

/**
 * fast-check arbitraries for valid rubrics and answer sets. Built by construction rather than by
 * filtering, so every generated rubric is valid (checked by a property of its own).
 */

/** 0 to 10 in hundredths, as the schema allows; 1 and 0 often, because real rubrics use them. */
export const weightArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1000 }).map((n) => n / 100) },
);

const textArb = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');

export interface RubricArbOptions {
  /** How often an item is critical: 0 never, else about 1 in `criticalOneIn`. */
  criticalOneIn?: number;
}

function commonArb(criticalOneIn: number) {
  return fc.record({
    title: textArb,
    guidance: fc.string({ maxLength: 20 }),
    examples: fc.array(textArb, { maxLength: 2 }),
    weight: weightArb,
    naAllowed: fc.boolean(),
    critical: criticalOneIn === 0 ? fc.constant(false) : fc.nat(criticalOneIn - 1).map((n) => n === 0),
    commentRequiredOnFail: fc.boolean(),
  });
}

function itemArb(id: string, criticalOneIn: number): fc.Arbitrary<RubricItem> {
  const common = commonArb(criticalOneIn);
  const yesNo = common.map((c): RubricItem => ({ id, type: 'yesNo', ...c }));
  const scale = fc.tuple(common, fc.integer({ min: 1, max: 10 }), fc.boolean()).chain(([c, max, listFails]) =>
    (c.critical && listFails
      ? fc.uniqueArray(fc.integer({ min: 0, max: max - 1 }), { minLength: 1, maxLength: max })
      : fc.constant(undefined)
    ).map((criticalWhen): RubricItem => ({
      id,
      type: 'scale',
      ...c,
      max,
      ...(criticalWhen === undefined ? {} : { criticalWhen }),
    })),
  );
  const choice = fc
    .tuple(
      common,
      fc.array(fc.record({ points: fc.integer({ min: 0, max: 10 }), fail: fc.boolean() }), {
        minLength: 2,
        maxLength: 5,
      }),
    )
    .map(([c, raw]): RubricItem => {
      const top = raw.reduce((best, o, i) => ((raw[best]?.points ?? 0) >= o.points ? best : i), 0);
      const options = raw.map((o, i) => ({
        id: `${id}-o${i}`,
        label: `Option ${i}`,
        points: o.points,
        fail: o.fail,
      }));
      // Full marks must be reachable without failing; a critical item or a required comment needs a fail option.
      const topOption = options[top];
      if (topOption) topOption.fail = false;
      if ((c.critical || c.commentRequiredOnFail) && !options.some((o) => o.fail)) {
        const other = options[top === 0 ? 1 : 0];
        if (other) other.fail = true;
      }
      return { id, type: 'choice', ...c, options };
    });
  return fc.oneof(yesNo, scale, choice);
}

function sectionArb(index: number, criticalOneIn: number): fc.Arbitrary<RubricSection> {
  const id = `s${index}`;
  return fc
    .tuple(textArb, weightArb, fc.integer({ min: 1, max: 5 }))
    .chain(([title, weight, count]) =>
      fc
        .tuple(...Array.from({ length: count }, (_, i) => itemArb(`${id}-i${i}`, criticalOneIn)))
        .map((items) => ({ id, title, weight, items })),
    );
}

export function rubricArb(options: RubricArbOptions = {}): fc.Arbitrary<Rubric> {
  const criticalOneIn = options.criticalOneIn ?? 8;
  return fc
    .tuple(
      fc.integer({ min: 1, max: 4 }),
      textArb,
      fc.constantFrom('en', 'de', 'fi', 'sv-FI'),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('evaluation' as const, 'mysteryChecklist' as const),
      fc.integer({ min: 1, max: 100 }),
    )
    .chain(([count, name, language, description, kind, passMark]) =>
      fc
        .tuple(...Array.from({ length: count }, (_, i) => sectionArb(i, criticalOneIn)))
        .map((sections): Rubric => ({
          id: 'generated',
          kind,
          name,
          language,
          description,
          passMark,
          sections,
        })),
    );
}

export function allItems(rubric: Rubric): RubricItem[] {
  return rubric.sections.flatMap((s) => s.items);
}

/** Every answer the item can take (n.a. only where allowed). */
export function answerValueArb(item: RubricItem): fc.Arbitrary<AnswerValue> {
  const na = item.naAllowed ? [fc.constant<AnswerValue>({ kind: 'na' })] : [];
  switch (item.type) {
    case 'yesNo':
      return fc.oneof(fc.constantFrom<AnswerValue>({ kind: 'yes' }, { kind: 'no' }), ...na);
    case 'scale':
      return fc.oneof(
        fc.integer({ min: 0, max: item.max }).map((value): AnswerValue => ({ kind: 'scale', value })),
        ...na,
      );
    case 'choice':
      return fc.oneof(
        fc.constantFrom(...item.options).map((o): AnswerValue => ({ kind: 'choice', optionId: o.id })),
        ...na,
      );
  }
}

/**
 * Answers for every item; unless `complete`, some are missing (no entry) or explicitly unanswered
 * (value null). Comments are sometimes blank, so required comments are sometimes missing.
 */
export function answersArb(rubric: Rubric, options: { complete?: boolean } = {}): fc.Arbitrary<Answer[]> {
  const perItem = allItems(rubric).map((item) => {
    const value: fc.Arbitrary<AnswerValue | null | 'omit'> = options.complete
      ? answerValueArb(item)
      : fc.oneof(
          { weight: 6, arbitrary: answerValueArb(item) },
          { weight: 1, arbitrary: fc.constantFrom(null, 'omit' as const) },
        );
    return fc
      .tuple(value, fc.constantFrom(undefined, '', '  ', 'Because…'))
      .map(([v, comment]): Answer | null =>
        v === 'omit' ? null : { itemId: item.id, value: v, ...(comment === undefined ? {} : { comment }) },
      );
  });
  return fc.tuple(...perItem).map((entries) => entries.filter((e): e is Answer => e !== null));
}

export function rubricWithAnswersArb(
  rubricOptions: RubricArbOptions = {},
  answerOptions: { complete?: boolean } = {},
): fc.Arbitrary<{ rubric: Rubric; answers: Answer[] }> {
  return rubricArb(rubricOptions).chain((rubric) =>
    answersArb(rubric, answerOptions).map((answers) => ({ rubric, answers })),
  );
}

/** Replaces (or adds) the answer to one item. */
export function withAnswer(answers: readonly Answer[], itemId: string, value: AnswerValue | null): Answer[] {
  const rest = answers.filter((a) => a.itemId !== itemId);
  const old = answers.find((a) => a.itemId === itemId);
  return [...rest, { ...old, itemId, value }];
}

/** Applies `change` to every item (a deep copy; the input is left alone). */
export function mapItems(rubric: Rubric, change: (item: RubricItem) => RubricItem): Rubric {
  return {
    ...rubric,
    sections: rubric.sections.map((s) => ({ ...s, items: s.items.map((i) => change(structuredClone(i))) })),
  };
}

/** Written independently of shared/rubric/items.ts, so the properties do not check the code against itself. */
export function fullMarks(item: RubricItem): AnswerValue {
  if (item.type === 'yesNo') return { kind: 'yes' };
  if (item.type === 'scale') return { kind: 'scale', value: item.max };
  const top = Math.max(...item.options.map((o) => o.points));
  const option = item.options.find((o) => o.points === top && !o.fail);
  if (!option) throw new Error(`generated choice item ${item.id} has no passing top option`);
  return { kind: 'choice', optionId: option.id };
}

/** An answer worth 0 points, if the item has one. */
export function zeroMarks(item: RubricItem): AnswerValue | null {
  if (item.type === 'yesNo') return { kind: 'no' };
  if (item.type === 'scale') return { kind: 'scale', value: 0 };
  const option = item.options.find((o) => o.points === 0);
  return option ? { kind: 'choice', optionId: option.id } : null;
}

/** Does this answer fail the item? (yes/no: no; scale: 0 or criticalWhen; choice: a fail option.) */
export function failsItem(item: RubricItem, value: AnswerValue): boolean {
  if (item.type === 'yesNo') return value.kind === 'no';
  if (item.type === 'scale')
    return value.kind === 'scale' && (item.criticalWhen ?? [0]).includes(value.value);
  return value.kind === 'choice' && item.options.some((o) => o.id === value.optionId && o.fail);
}
