import { parseRubric } from '../json';
import type { Rubric, RubricKind } from '../schema';

/**
 * Built-in rubrics are written as one structure (ids, types, points, flags) plus one text file per
 * language. The text types are derived from the structure, so a translation that misses or invents
 * an item, section or option does not compile, and every language shares the same ids by construction.
 */

interface ItemShapeCommon {
  readonly id: string;
  readonly weight?: number;
  readonly naAllowed?: boolean;
  readonly critical?: boolean;
  readonly commentRequiredOnFail?: boolean;
}

export type ItemShape = ItemShapeCommon &
  (
    | { readonly type: 'yesNo' }
    | { readonly type: 'scale'; readonly max: number; readonly criticalWhen?: readonly number[] }
    | {
        readonly type: 'choice';
        readonly options: readonly {
          readonly id: string;
          readonly points: number;
          readonly fail?: boolean;
        }[];
      }
  );

export interface RubricShape {
  readonly key: string;
  readonly kind: RubricKind;
  readonly sections: readonly {
    readonly id: string;
    readonly weight?: number;
    readonly items: readonly ItemShape[];
  }[];
}

type Items<S extends RubricShape> = S['sections'][number]['items'][number];
type OptionKeys<S extends RubricShape> =
  Extract<Items<S>, { type: 'choice' }> extends infer C
    ? C extends { id: infer I extends string; options: readonly (infer O)[] }
      ? O extends { id: infer OptionId extends string }
        ? `${I}.${OptionId}`
        : never
      : never
    : never;

export interface ItemTexts {
  readonly title: string;
  readonly guidance: string;
  readonly examples: readonly string[];
}

export interface RubricTexts<S extends RubricShape> {
  readonly name: string;
  readonly description: string;
  readonly sections: Record<S['sections'][number]['id'], string>;
  readonly items: Record<Items<S>['id'], ItemTexts>;
  /** Choice option labels, keyed "itemId.optionId". */
  readonly options: Record<OptionKeys<S>, string>;
}

export type BuiltInLanguage = 'en' | 'de' | 'fi';

/** Joins structure and texts into a rubric and validates it like any imported one. */
export function buildRubric<S extends RubricShape>(
  shape: S,
  language: BuiltInLanguage,
  texts: RubricTexts<S>,
): Rubric {
  const sectionTitles: Record<string, string> = texts.sections;
  const itemTexts: Record<string, ItemTexts> = texts.items;
  const optionLabels: Record<string, string> = texts.options;
  return parseRubric({
    id: `builtin.${shape.key}.${language}`,
    kind: shape.kind,
    name: texts.name,
    language,
    description: texts.description,
    sections: shape.sections.map((section) => ({
      id: section.id,
      title: sectionTitles[section.id],
      weight: section.weight,
      items: section.items.map((item) => {
        const text = itemTexts[item.id];
        const base = { ...item, title: text?.title, guidance: text?.guidance, examples: text?.examples };
        if (item.type !== 'choice') return base;
        return {
          ...base,
          options: item.options.map((o) => ({ ...o, label: optionLabels[`${item.id}.${o.id}`] })),
        };
      }),
    })),
  });
}
