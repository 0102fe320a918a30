import type { RubricShape } from '../build';

/**
 * The default mystery-call checklist (docs/users.md). Nothing is critical: a mystery shop reports what
 * happened, and the coaching that follows is face to face. The provocative question is a choice so
 * "calm but evasive" can be told apart from "dishonest"; the latter needs a comment for the coaching.
 */
export const mysteryCallShape = {
  key: 'mystery-call',
  kind: 'mysteryChecklist',
  sections: [
    {
      id: 'call-handling',
      items: [
        { id: 'answered-quickly', type: 'yesNo' },
        { id: 'greeting', type: 'yesNo' },
        { id: 'need-asked', type: 'yesNo' },
        { id: 'product-knowledge', type: 'scale', max: 2 },
        {
          id: 'provocative-question',
          type: 'choice',
          commentRequiredOnFail: true,
          options: [
            { id: 'calm-honest', points: 2 },
            { id: 'evasive', points: 1 },
            { id: 'irritated-or-dishonest', points: 0, fail: true },
          ],
        },
      ],
    },
    {
      id: 'sales-and-close',
      items: [
        { id: 'options-offered', type: 'yesNo', naAllowed: true },
        { id: 'next-step', type: 'yesNo' },
        { id: 'closing', type: 'yesNo' },
      ],
    },
  ],
} as const satisfies RubricShape;

export type MysteryCallShape = typeof mysteryCallShape;
