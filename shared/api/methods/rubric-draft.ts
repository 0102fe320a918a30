import { z } from 'zod';
import { formatIssue, plainMessages } from '../../rubric/issues';
import { Rubric, RubricKind, rubricLimits } from '../../rubric/schema';
import type { RubricInput, RubricItem } from '../../rubric/schema';

/**
 * A rubric as the editor holds it while someone works on it: the same tree as a rubric, but allowed
 * to be unfinished (an empty title, a negative weight typed half-way, a choice item without a passing
 * option). Every item keeps the fields of every type, so switching an item from scale to choice and
 * back loses nothing. It is saved as is (autosave) and only becomes a rubric when it passes `checkDraft`,
 * which applies the real schema and reports each problem at its place.
 */

const Text = (max: number) => z.string().max(max);
/** Loose on purpose: the schema's own check explains a bad number better than a refusal to save. */
const LooseNumber = z.number().finite().min(-1_000_000).max(1_000_000);

export const DraftOption = z.strictObject({
  id: Text(64),
  label: Text(200),
  points: LooseNumber,
  fail: z.boolean(),
});
export type DraftOption = z.infer<typeof DraftOption>;

export const itemTypes = ['yesNo', 'scale', 'choice'] as const;
export const DraftItemType = z.enum(itemTypes);

export const DraftItem = z.strictObject({
  id: Text(64),
  type: DraftItemType,
  title: Text(200),
  guidance: Text(4000),
  examples: z.array(Text(1000)).max(rubricLimits.maxExamples),
  weight: LooseNumber,
  naAllowed: z.boolean(),
  critical: z.boolean(),
  commentRequiredOnFail: z.boolean(),
  /** Scale items: the top of the scale. */
  max: z.number().int().min(0).max(100),
  /** Critical scale items: the values that fail the evaluation (empty: 0 fails). */
  criticalWhen: z.array(z.number().int().min(0).max(100)).max(rubricLimits.maxScale + 1),
  /** Choice items: the answers and their points. */
  options: z.array(DraftOption).max(rubricLimits.maxOptions),
});
export type DraftItem = z.infer<typeof DraftItem>;

/** A new item as the editor and a new rubric start it: a yes/no question with its title left to the author. */
export function blankItem(id: string): DraftItem {
  return {
    id,
    type: 'yesNo',
    title: '',
    guidance: '',
    examples: [],
    weight: 1,
    naAllowed: false,
    critical: false,
    commentRequiredOnFail: false,
    max: 2,
    criticalWhen: [],
    options: [],
  };
}

export const DraftSection = z.strictObject({
  id: Text(64),
  title: Text(200),
  weight: LooseNumber,
  items: z.array(DraftItem).max(rubricLimits.maxItemsPerSection),
});
export type DraftSection = z.infer<typeof DraftSection>;

export const RubricDraft = z.strictObject({
  kind: RubricKind,
  name: Text(200),
  language: Text(35),
  description: Text(4000),
  /** Checked by the rubric schema on publish (a whole percent 1-100); a half-typed value is kept meanwhile. */
  passMark: LooseNumber,
  sections: z.array(DraftSection).max(rubricLimits.maxSections),
});
export type RubricDraft = z.infer<typeof RubricDraft>;

/** The editor's copy of a published rubric. */
export function draftFromRubric(rubric: Rubric): RubricDraft {
  return {
    kind: rubric.kind,
    name: rubric.name,
    language: rubric.language,
    description: rubric.description,
    passMark: rubric.passMark,
    sections: rubric.sections.map((section) => ({
      id: section.id,
      title: section.title,
      weight: section.weight,
      items: section.items.map(draftItemFrom),
    })),
  };
}

function draftItemFrom(item: RubricItem): DraftItem {
  return {
    id: item.id,
    type: item.type,
    title: item.title,
    guidance: item.guidance,
    examples: [...item.examples],
    weight: item.weight,
    naAllowed: item.naAllowed,
    critical: item.critical,
    commentRequiredOnFail: item.commentRequiredOnFail,
    max: item.type === 'scale' ? item.max : 2,
    criticalWhen: item.type === 'scale' ? [...(item.criticalWhen ?? [])] : [],
    options: item.type === 'choice' ? item.options.map((o) => ({ ...o })) : [],
  };
}

/** The rubric a draft stands for, before validation: only the fields of each item's own type. */
export function draftToRubricInput(id: string, draft: RubricDraft): RubricInput {
  return {
    id,
    kind: draft.kind,
    name: draft.name,
    language: draft.language,
    description: draft.description,
    passMark: draft.passMark,
    sections: draft.sections.map((section) => ({
      id: section.id,
      title: section.title,
      weight: section.weight,
      items: section.items.map((item) => {
        const common = {
          id: item.id,
          title: item.title,
          guidance: item.guidance,
          // An empty example line is an unfinished thought, not an example.
          examples: item.examples.filter((example) => example.trim() !== ''),
          weight: item.weight,
          naAllowed: item.naAllowed,
          critical: item.critical,
          commentRequiredOnFail: item.commentRequiredOnFail,
        };
        if (item.type === 'yesNo') return { ...common, type: 'yesNo' as const };
        if (item.type === 'choice') return { ...common, type: 'choice' as const, options: item.options };
        const criticalWhen = item.critical && item.criticalWhen.length > 0 ? item.criticalWhen : undefined;
        return {
          ...common,
          type: 'scale' as const,
          max: item.max,
          ...(criticalWhen ? { criticalWhen } : {}),
        };
      }),
    })),
  };
}

export interface DraftProblem {
  /** Where, in the draft's own terms: `sections[1].items[0].weight`; empty for the rubric as a whole. */
  path: (string | number)[];
  /** The schema's message, starting with the place ("sections[1].items[0].weight must not be negative"). */
  message: string;
}

export type DraftCheck = { ok: true; rubric: Rubric } | { ok: false; problems: DraftProblem[] };

/** Applies the rubric schema to a draft: the rubric it would publish, or every problem at its place. */
export function checkDraft(id: string, draft: RubricDraft): DraftCheck {
  const parsed = Rubric.safeParse(draftToRubricInput(id, draft), { error: plainMessages });
  if (parsed.success) return { ok: true, rubric: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
      message: formatIssue(issue),
    })),
  };
}
