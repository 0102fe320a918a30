import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import {
  defaultRubric,
  explainScore,
  outcomeOf,
  parseRubric,
  percentOf,
  scoreEvaluation,
  serializeRubric,
} from '../../../shared/rubric';
import type { Answer, AnswerValue, RubricInput } from '../../../shared/rubric';
import { rubricWithAnswersArb } from './arbitraries';

/**
 * The outcome rule (shared/rubric/outcome.ts): a critical fail wins; otherwise the overall percent, with
 * n.a. items removed, passes from the pass mark up and is below target under it.
 */

const yes: AnswerValue = { kind: 'yes' };
const no: AnswerValue = { kind: 'no' };
const na: AnswerValue = { kind: 'na' };

/** Five yes/no items of one point each, n.a. allowed, the last one critical. */
function fiveItems(passMark?: number): RubricInput {
  return {
    id: 'five',
    name: 'Five',
    language: 'en',
    ...(passMark === undefined ? {} : { passMark }),
    sections: [
      {
        id: 'all',
        title: 'All',
        items: ['a', 'b', 'c', 'd', 'e'].map((id) => ({
          id,
          type: 'yesNo' as const,
          title: id,
          naAllowed: true,
          critical: id === 'e',
        })),
      },
    ],
  };
}
const answers = (...values: AnswerValue[]): Answer[] =>
  values.map((value, i) => ({ itemId: 'abcde'[i]!, value }));
const score = (passMark: number | undefined, ...values: AnswerValue[]) =>
  scoreEvaluation(parseRubric(fiveItems(passMark)), answers(...values)).overall;

describe('the outcome at the pass mark', () => {
  it('passes at exactly the pass mark and is below target one step under it', () => {
    expect(score(80, yes, yes, yes, no, yes)).toMatchObject({ percent: 80, outcome: 'pass', result: 'pass' });
    expect(score(81, yes, yes, yes, no, yes)).toMatchObject({ percent: 80, outcome: 'belowTarget' });
    expect(score(60, yes, yes, no, no, yes)).toMatchObject({ percent: 60, outcome: 'pass' });
    expect(score(80, yes, yes, no, no, yes)).toMatchObject({ percent: 60, result: 'belowTarget' });
    expect(outcomeOf({ percent: 79.9, passMark: 80, criticalFail: false })).toBe('belowTarget');
    expect(outcomeOf({ percent: 80, passMark: 80, criticalFail: false })).toBe('pass');
    expect(outcomeOf({ percent: 100, passMark: 100, criticalFail: false })).toBe('pass');
    expect(outcomeOf({ percent: 99.9, passMark: 100, criticalFail: false })).toBe('belowTarget');
    expect(outcomeOf({ percent: 0.9, passMark: 1, criticalFail: false })).toBe('belowTarget');
  });

  it('compares the percent as shown: 79.95 % shows as 80 % and passes a pass mark of 80', () => {
    const shown = percentOf(1599, 2000);
    expect(shown).toBe(80);
    expect(outcomeOf({ percent: shown, passMark: 80, criticalFail: false })).toBe('pass');
  });

  it('removes n.a. items from both sums before comparing', () => {
    // 4 of 4 = 100 %, not 4 of 5 = 80 %: passes a pass mark of 90.
    expect(score(90, yes, yes, na, yes, yes)).toMatchObject({ percent: 100, outcome: 'pass' });
    // 3 of 4 = 75 %, not 3 of 5 = 60 %.
    expect(score(75, yes, no, na, yes, yes)).toMatchObject({ percent: 75, outcome: 'pass' });
    expect(score(76, yes, no, na, yes, yes)).toMatchObject({ percent: 75, outcome: 'belowTarget' });
    // Nothing to count: nothing to fall short of.
    expect(score(80, na, na, na, na, na)).toMatchObject({ percent: null, outcome: 'pass', result: 'pass' });
  });

  it('lets a critical fail win over any score and over an unfinished draft', () => {
    expect(score(1, yes, yes, yes, yes, no)).toMatchObject({
      pointsPercent: 80,
      percent: 0,
      outcome: 'criticalFail',
      result: 'criticalFail',
    });
    const draft = scoreEvaluation(parseRubric(fiveItems(80)), [{ itemId: 'e', value: no }]).overall;
    expect(draft).toMatchObject({ outcome: 'criticalFail', result: 'criticalFail' });
    expect(outcomeOf({ percent: 100, passMark: 80, criticalFail: true })).toBe('criticalFail');
    expect(outcomeOf({ percent: null, passMark: 80, criticalFail: true })).toBe('criticalFail');
  });

  it('keeps a draft incomplete until every item is answered, whatever its running outcome', () => {
    const draft = scoreEvaluation(parseRubric(fiveItems(80)), answers(yes, no)).overall;
    expect(draft).toMatchObject({ percent: 50, outcome: 'belowTarget', result: 'incomplete' });
  });

  it('property: the outcome follows the rule for every rubric, pass mark and answers', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb({ criticalOneIn: 4 }), ({ rubric, answers }) => {
        const { overall, criticalFailItemIds, complete } = scoreEvaluation(rubric, answers);
        const expected =
          criticalFailItemIds.length > 0
            ? 'criticalFail'
            : overall.percent === null || overall.percent >= rubric.passMark
              ? 'pass'
              : 'belowTarget';
        expect(overall.outcome).toBe(expected);
        expect(overall.passMark).toBe(rubric.passMark);
        expect(overall.result).toBe(expected === 'criticalFail' || complete ? expected : 'incomplete');
        // A lower pass mark never turns a pass into anything else.
        const lower = scoreEvaluation({ ...rubric, passMark: Math.max(1, rubric.passMark - 7) }, answers);
        if (overall.outcome === 'pass') expect(lower.overall.outcome).toBe('pass');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the pass mark in the rubric', () => {
  it('is 80 % where a rubric does not say, and is written out so versions and exports carry it', () => {
    expect(parseRubric(fiveItems()).passMark).toBe(80);
    expect(defaultRubric('de').passMark).toBe(80);
    expect(JSON.parse(serializeRubric(parseRubric(fiveItems(65)))).passMark).toBe(65);
  });

  it('refuses a pass mark that is not a whole percent from 1 to 100, naming it', () => {
    for (const bad of [0, 101, 79.5, -5, '80', null]) {
      let error: unknown;
      try {
        parseRubric({ ...fiveItems(), passMark: bad });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EarmarkError);
      expect((error as EarmarkError).message).toMatch(
        /passMark must be a (whole percent|number) from 1 to 100/,
      );
    }
  });

  it('is one step of the explanation, after the figures and before the result', () => {
    const below = explainScore(scoreEvaluation(parseRubric(fiveItems(80)), answers(yes, yes, no, no, yes)));
    expect(below.steps.slice(-2)).toEqual([
      { key: 'passMark', passMark: 80, percent: 60, reached: false },
      { key: 'result', result: 'belowTarget', percent: 60 },
    ]);
    const failed = explainScore(scoreEvaluation(parseRubric(fiveItems(80)), answers(yes, yes, yes, yes, no)));
    expect(failed.steps.some((step) => step.key === 'passMark')).toBe(false);
  });
});
