import type { TFunction } from 'i18next';
import type { ShortcutProblem } from '../../../../shared/api/methods/review';

/** A clash or a reserved key in the reviewer's words, naming the other action by its description. */
export function shortcutProblemText(t: TFunction, problem: ShortcutProblem): string {
  switch (problem.kind) {
    case 'invalid':
      return t('shortcuts.problems.invalid', { keys: problem.keys });
    case 'reserved':
      return t(`shortcuts.problems.reserved.${problem.reason}`, { keys: problem.keys });
    case 'conflict':
      return t('shortcuts.problems.conflict', {
        keys: problem.keys,
        action: t(`shortcuts.actions.${problem.other}`),
      });
  }
}
