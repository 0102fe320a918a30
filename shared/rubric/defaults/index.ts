import type { Rubric } from '../schema';
import { buildRubric } from './build';
import type { BuiltInLanguage } from './build';
import { courtesyCompetenceDe } from './courtesy-competence/de';
import { courtesyCompetenceEn } from './courtesy-competence/en';
import { courtesyCompetenceFi } from './courtesy-competence/fi';
import { courtesyCompetenceShape } from './courtesy-competence/shape';
import { mysteryCallDe } from './mystery-call/de';
import { mysteryCallEn } from './mystery-call/en';
import { mysteryCallFi } from './mystery-call/fi';
import { mysteryCallShape } from './mystery-call/shape';

export type { BuiltInLanguage } from './build';
export const builtInLanguages: readonly BuiltInLanguage[] = ['en', 'de', 'fi'];

const courtesyCompetence: Record<BuiltInLanguage, Rubric> = {
  en: buildRubric(courtesyCompetenceShape, 'en', courtesyCompetenceEn),
  de: buildRubric(courtesyCompetenceShape, 'de', courtesyCompetenceDe),
  fi: buildRubric(courtesyCompetenceShape, 'fi', courtesyCompetenceFi),
};

const mysteryCall: Record<BuiltInLanguage, Rubric> = {
  en: buildRubric(mysteryCallShape, 'en', mysteryCallEn),
  de: buildRubric(mysteryCallShape, 'de', mysteryCallDe),
  fi: buildRubric(mysteryCallShape, 'fi', mysteryCallFi),
};

/**
 * Every built-in rubric, each language its own rubric (id `builtin.<key>.<language>`) with the same
 * section, item and option ids, so answers and reports line up across languages.
 */
export const builtInRubrics: readonly Rubric[] = builtInLanguages.flatMap((language) => [
  courtesyCompetence[language],
  mysteryCall[language],
]);

/** The courtesy-and-competence rubric (docs/users.md, "What the reviewers check"). */
export function defaultRubric(language: BuiltInLanguage): Rubric {
  return courtesyCompetence[language];
}

/** The default mystery-call checklist (docs/users.md, "What the reviewers check"). */
export function defaultMysteryChecklist(language: BuiltInLanguage): Rubric {
  return mysteryCall[language];
}
