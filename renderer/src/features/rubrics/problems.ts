import type { DraftProblem, RubricDraft } from '../../../../shared/api/methods/rubric-draft';

/** Problems sorted by where they are: the rubric itself, a section, or an item of a section. */
export interface ProblemsByPlace {
  rubric: DraftProblem[];
  sections: Map<number, DraftProblem[]>;
  items: Map<string, DraftProblem[]>;
}

export const itemPlaceKey = (section: number, item: number) => `${section}/${item}`;

export function problemsByPlace(problems: readonly DraftProblem[]): ProblemsByPlace {
  const byPlace: ProblemsByPlace = { rubric: [], sections: new Map(), items: new Map() };
  const add = <K>(map: Map<K, DraftProblem[]>, key: K, problem: DraftProblem) =>
    map.set(key, [...(map.get(key) ?? []), problem]);
  for (const problem of problems) {
    const [first, section, third, item] = problem.path;
    if (first !== 'sections' || typeof section !== 'number') byPlace.rubric.push(problem);
    else if (third === 'items' && typeof item === 'number')
      add(byPlace.items, itemPlaceKey(section, item), problem);
    else add(byPlace.sections, section, problem);
  }
  return byPlace;
}

/**
 * The schema's message without the path it starts with, since the problem is shown at its place:
 * "sections[0].items[1].weight must not be negative (got -1)" → "weight must not be negative (got -1)".
 */
export function messageAtPlace(problem: DraftProblem): string {
  return problem.message.replace(/^sections\[\d+\](\.items\[\d+\])?\.?:?\s*/, '') || problem.message;
}

/** A readable place for the list of all problems: "Section 2 › item 3 (“Greeting”)". */
export function placeOf(
  draft: RubricDraft,
  problem: DraftProblem,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const [first, section, third, item] = problem.path;
  if (first !== 'sections' || typeof section !== 'number') return t('rubrics.problems.rubric');
  const sectionText = t('rubrics.problems.section', {
    number: section + 1,
    title: draft.sections[section]?.title || '…',
  });
  if (third !== 'items' || typeof item !== 'number') return sectionText;
  return `${sectionText} › ${t('rubrics.problems.item', {
    number: item + 1,
    title: draft.sections[section]?.items[item]?.title || '…',
  })}`;
}
