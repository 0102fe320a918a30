import type { TFunction } from 'i18next';
import type { Rubric } from '../../../../../shared/rubric/schema';
import type { FieldErrors } from './ShopFields';
import type { SubmitProblem } from './shop-form';

/** One problem in words, naming its field ("Shop ID: missing"). */
export function problemText(problem: SubmitProblem, rubric: Rubric | null | undefined, t: TFunction): string {
  if (problem.field === 'answers') {
    const titles = new Map(rubric?.sections.flatMap((s) => s.items.map((i) => [i.id, i.title] as const)));
    const items = problem.itemIds.map((id) => titles.get(id) ?? id).join(', ');
    return t(`mysteryEntry.problem.${problem.problem}`, { items });
  }
  if (problem.field === 'extra')
    return t(`mysteryEntry.problem.extra.${problem.problem}`, { key: problem.key });
  return t(`mysteryEntry.problem.${problem.field}.${problem.problem}`);
}

/** The problems under the fields they are about (the first one per field). */
export function fieldErrors(problems: readonly SubmitProblem[], t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    if (problem.field === 'answers' || errors[problem.field]) continue;
    errors[problem.field] = problemText(problem, null, t);
  }
  return errors;
}
