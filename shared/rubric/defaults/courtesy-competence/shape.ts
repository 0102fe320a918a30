import type { RubricShape } from '../build';

/**
 * The default rubric (docs/users.md), item for item. All weights are 1, a starting point to adjust:
 * a yes is worth 1 point and a 0-2 scale up to 2, so courtesy is out of 10 and competence out of 12.
 *
 * Critical items: polite tone (a rude remark), product knowledge (only wrong information *with
 * consequences*, a choice so it can be told apart from a harmless mistake that also scores 0) and
 * honesty. Each requires a comment when failed, because a critical fail will be disputed.
 */
export const courtesyCompetenceShape = {
  key: 'courtesy-competence',
  kind: 'evaluation',
  sections: [
    {
      id: 'courtesy',
      items: [
        { id: 'greeting', type: 'yesNo' },
        { id: 'customer-name', type: 'yesNo', naAllowed: true },
        { id: 'polite-tone', type: 'yesNo', critical: true, commentRequiredOnFail: true },
        { id: 'listening', type: 'scale', max: 2 },
        { id: 'empathy', type: 'scale', max: 2 },
        { id: 'apology', type: 'yesNo', naAllowed: true },
        { id: 'hold-etiquette', type: 'yesNo', naAllowed: true },
        { id: 'closing', type: 'yesNo' },
      ],
    },
    {
      id: 'competence',
      items: [
        { id: 'needs-clarification', type: 'scale', max: 2 },
        {
          id: 'product-knowledge',
          type: 'choice',
          critical: true,
          commentRequiredOnFail: true,
          options: [
            { id: 'correct', points: 2 },
            { id: 'minor-gaps', points: 1 },
            { id: 'wrong', points: 0 },
            { id: 'wrong-with-consequences', points: 0, fail: true },
          ],
        },
        { id: 'options', type: 'yesNo', naAllowed: true },
        { id: 'objections', type: 'scale', max: 2, naAllowed: true },
        { id: 'honesty', type: 'yesNo', critical: true, commentRequiredOnFail: true },
        { id: 'ownership', type: 'scale', max: 2 },
        { id: 'escalation', type: 'yesNo', naAllowed: true },
        { id: 'documentation', type: 'yesNo' },
      ],
    },
  ],
} as const satisfies RubricShape;

export type CourtesyCompetenceShape = typeof courtesyCompetenceShape;
