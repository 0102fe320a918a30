import { z } from 'zod';
import { describeValue } from './issues';
import { DEFAULT_PASS_MARK, PassMark } from './outcome';

/**
 * A rubric (scorecard, form): sections of items the reviewer answers for one interaction. The same
 * shape is used for the mystery-call checklist (kind 'mysteryChecklist'); what a mystery shop adds
 * (scenario, date, channel, who answered, evidence) belongs to the result, see ./mystery.
 *
 * Points: a yes is worth 1, a scale answer its value (0..max), a choice answer its option's points;
 * an item's weight multiplies those points (see ./scoring for the whole rule).
 *
 * Limits are generous for real forms and keep every sum an exact integer (see ./percent).
 */
export const rubricLimits = {
  maxWeight: 100,
  maxScale: 10,
  maxOptionPoints: 100,
  maxOptions: 20,
  maxSections: 50,
  maxItemsPerSection: 100,
  maxExamples: 10,
} as const;

const idRule = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Stable keys for sections, items and options: answers and translations refer to them. */
export const ElementId = z.string().regex(idRule, {
  error: (issue) =>
    `must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (got ${describeValue(issue.input)})`,
});

const notBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => text.trim() !== '', { error: 'must not be empty' });

const Title = notBlank(200);
const LongText = z.string().max(4000);

/** Weights are decimals with at most two places, so scoring can count in whole hundredths (no drift). */
export const Weight = z
  .number()
  .min(0, { error: (issue) => `must not be negative (got ${describeValue(issue.input)})` })
  .max(rubricLimits.maxWeight)
  .refine((w) => Math.abs(w * 100 - Math.round(w * 100)) < 1e-6, {
    error: (issue) => `must have at most two decimal places (got ${describeValue(issue.input)})`,
  });

/** A language code such as 'en', 'de', 'fi' or 'sv-FI' (a customer's rubric need not be in a UI language). */
export const LanguageTag = z
  .string()
  // The longest tag a draft keeps; real ones are far shorter.
  .max(35, { error: 'must be a language code of at most 35 characters' })
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    error: (issue) =>
      `must be a language code such as 'en', 'de' or 'fi' (got ${describeValue(issue.input)})`,
  });

const itemCommon = {
  title: Title,
  /** What the reviewer should look for, and how each answer is meant. */
  guidance: LongText.default(''),
  examples: z.array(notBlank(1000)).max(rubricLimits.maxExamples).default([]),
  weight: Weight.default(1),
  naAllowed: z.boolean().default(false),
  /** A failed answer fails the whole evaluation (overall 0 %). */
  critical: z.boolean().default(false),
  /** The reviewer must say why when the answer is a fail (see `isFailAnswer`). */
  commentRequiredOnFail: z.boolean().default(false),
};

/** yes = 1 point, no = 0 and a fail. */
export const YesNoItem = z.strictObject({ id: ElementId, type: z.literal('yesNo'), ...itemCommon });

/** 0..max points. A fail is 0, or for a critical item the values listed in `criticalWhen`. */
export const ScaleItem = z.strictObject({
  id: ElementId,
  type: z.literal('scale'),
  ...itemCommon,
  max: z.number().int().min(1).max(rubricLimits.maxScale),
  criticalWhen: z.array(z.number().int()).min(1).optional(),
});

export const ChoiceOption = z.strictObject({
  id: ElementId,
  label: Title,
  points: z.number().int().min(0).max(rubricLimits.maxOptionPoints),
  /** Choosing this option is a fail: a critical fail on a critical item, and it may require a comment. */
  fail: z.boolean().default(false),
});

/**
 * Named answers with their own points, for criteria a plain scale cannot say: "wrong information,
 * with consequences" scores 0 like "wrong, without consequences" but only the former fails the evaluation.
 */
export const ChoiceItem = z.strictObject({
  id: ElementId,
  type: z.literal('choice'),
  ...itemCommon,
  options: z.array(ChoiceOption).min(2).max(rubricLimits.maxOptions),
});

export const RubricItem = z
  .discriminatedUnion('type', [YesNoItem, ScaleItem, ChoiceItem], {
    error: (issue) => {
      const input = issue.input as { type?: unknown } | undefined;
      if (issue.code !== 'invalid_union' || typeof input !== 'object' || input === null) return undefined;
      const expected = '(expected yesNo, scale or choice)';
      if (input.type === undefined) return `is missing ${expected}`;
      return `unknown item type ${describeValue(input.type)} ${expected}`;
    },
  })
  .superRefine((item, ctx) => {
    if (item.type === 'scale') checkScale(item, ctx);
    if (item.type === 'choice') checkChoice(item, ctx);
  });

function checkScale(item: z.output<typeof ScaleItem>, ctx: z.RefinementCtx): void {
  if (item.criticalWhen === undefined) return;
  if (!item.critical) {
    ctx.addIssue({
      code: 'custom',
      path: ['criticalWhen'],
      message: 'only applies to critical items (set critical to true or remove criticalWhen)',
    });
  }
  const seen = new Set<number>();
  item.criticalWhen.forEach((value, index) => {
    // The best answer can never fail: otherwise no answer would give full marks.
    if (value < 0 || value >= item.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['criticalWhen', index],
        message: `must be a scale value from 0 to ${item.max - 1}; the best answer (${item.max}) cannot fail (got ${value})`,
      });
    }
    if (seen.has(value)) {
      ctx.addIssue({ code: 'custom', path: ['criticalWhen', index], message: `${value} is listed twice` });
    }
    seen.add(value);
  });
}

function checkChoice(item: z.output<typeof ChoiceItem>, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  item.options.forEach((option, index) => {
    const earlier = firstIndex.get(option.id);
    if (earlier !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['options', index, 'id'],
        message: `option id '${option.id}' is used twice: options[${earlier}] and options[${index}]`,
      });
    } else firstIndex.set(option.id, index);
  });

  const top = Math.max(...item.options.map((o) => o.points));
  const passing = item.options.filter((o) => !o.fail);
  const hasFail = passing.length < item.options.length;
  if (passing.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'at least one option must not be a fail' });
  } else if (Math.max(...passing.map((o) => o.points)) < top) {
    // Full marks must be reachable without failing, or "all best answers = 100 %" breaks.
    const index = item.options.findIndex((o) => o.fail && o.points === top);
    ctx.addIssue({
      code: 'custom',
      path: ['options', index],
      message: `option '${item.options[index]?.id ?? ''}' is marked as fail but is worth more points (${top}) than every option that is not a fail`,
    });
  }
  if (item.critical && !hasFail) {
    ctx.addIssue({
      code: 'custom',
      path: ['critical'],
      message:
        'a critical choice item needs an option marked as fail (fail: true): which answer fails the evaluation?',
    });
  }
  if (item.commentRequiredOnFail && !hasFail) {
    ctx.addIssue({
      code: 'custom',
      path: ['commentRequiredOnFail'],
      message: 'needs an option marked as fail (fail: true): otherwise no answer ever requires the comment',
    });
  }
}

export const RubricSection = z.strictObject({
  id: ElementId,
  title: Title,
  /** Scales the section's points in the overall score; the section's own percent ignores it. */
  weight: Weight.default(1),
  items: z
    .array(RubricItem)
    .min(1, { error: 'a section needs at least one item' })
    .max(rubricLimits.maxItemsPerSection),
});

export const rubricKinds = ['evaluation', 'mysteryChecklist'] as const;
export const RubricKind = z.enum(rubricKinds);

export const Rubric = z
  .strictObject({
    id: ElementId,
    kind: RubricKind.default('evaluation'),
    name: Title,
    language: LanguageTag,
    description: LongText.default(''),
    /** The overall percent an evaluation must reach to pass (see ./outcome); each version keeps its own. */
    passMark: PassMark.default(DEFAULT_PASS_MARK),
    sections: z
      .array(RubricSection)
      .min(1, { error: 'a rubric needs at least one section' })
      .max(rubricLimits.maxSections),
  })
  .superRefine((rubric, ctx) => {
    // Answers, moments and translations refer to sections and items by id alone, so ids are unique
    // across the whole rubric, not just within a section.
    const firstSeen = new Map<string, string>();
    const claim = (id: string, where: string) => {
      const earlier = firstSeen.get(id);
      if (earlier === undefined) {
        firstSeen.set(id, where);
        return;
      }
      // Reported at the top level: the message already names both places.
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `id '${id}' is used twice: ${earlier} and ${where}`,
      });
    };
    rubric.sections.forEach((section, s) => {
      claim(section.id, `sections[${s}]`);
      section.items.forEach((item, i) => claim(item.id, `sections[${s}].items[${i}]`));
    });
  });

export type RubricKind = z.infer<typeof RubricKind>;
export type Rubric = z.output<typeof Rubric>;
/** What an author may write: defaults (weight 1, no examples, not critical …) may be left out. */
export type RubricInput = z.input<typeof Rubric>;
export type RubricSection = z.output<typeof RubricSection>;
export type RubricItem = z.output<typeof RubricItem>;
export type YesNoItem = z.output<typeof YesNoItem>;
export type ScaleItem = z.output<typeof ScaleItem>;
export type ChoiceItem = z.output<typeof ChoiceItem>;
export type ChoiceOption = z.output<typeof ChoiceOption>;
export type ItemType = RubricItem['type'];
