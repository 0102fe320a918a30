import { describe, expect, it } from 'vitest';
import {
  defaultRubric,
  explainScore,
  parseRubric,
  percentOf,
  scoreEvaluation,
  sectionScores,
} from '../../../shared/rubric';
import type { Answer, AnswerValue } from '../../../shared/rubric';

/** Figures worked out by hand on the default rubric (every weight 1: yes = 1 point, scale 0-2). */

const yes: AnswerValue = { kind: 'yes' };
const no: AnswerValue = { kind: 'no' };
const na: AnswerValue = { kind: 'na' };
const scale = (value: number): AnswerValue => ({ kind: 'scale', value });
const choice = (optionId: string): AnswerValue => ({ kind: 'choice', optionId });

/**
 * Courtesy: 1 + n.a. + 1 + 1/2 + 2/2 + n.a. + 0 + 1  = 6 of 8  = 75 %
 * Competence: 2/2 + 1/2 + 1 + n.a. + 1 + 1/2 + n.a. + 0 = 6 of 9 = 66.7 %
 * Overall: (6 + 6) of (8 + 9) = 12/17 = 70.588… → 70.6 %
 */
const typical: Record<string, AnswerValue> = {
  greeting: yes,
  'customer-name': na,
  'polite-tone': yes,
  listening: scale(1),
  empathy: scale(2),
  apology: na,
  'hold-etiquette': no,
  closing: yes,
  'needs-clarification': scale(2),
  'product-knowledge': choice('minor-gaps'),
  options: yes,
  objections: na,
  honesty: yes,
  ownership: scale(1),
  escalation: na,
  documentation: no,
};

const answers = (values: Record<string, AnswerValue>, comments: Record<string, string> = {}): Answer[] =>
  Object.entries(values).map(([itemId, value]) => ({ itemId, value, comment: comments[itemId] }));

const rubric = defaultRubric('en');

describe('the default rubric, scored by hand', () => {
  it('a typical call: sections 75 % and 66.7 %, overall 12 of 17 = 70.6 %, below the pass mark of 80 %', () => {
    const b = scoreEvaluation(rubric, answers(typical));
    expect(sectionScores(b)).toEqual([
      { sectionId: 'courtesy', title: 'Courtesy', earned: 6, possible: 8, percent: 75 },
      { sectionId: 'competence', title: 'Competence', earned: 6, possible: 9, percent: 66.7 },
    ]);
    expect(b.overall).toEqual({
      earned: 12,
      possible: 17,
      pointsPercent: 70.6,
      percent: 70.6,
      passMark: 80,
      outcome: 'belowTarget',
      result: 'belowTarget',
    });
    expect(b.complete).toBe(true);
    expect(b.sections[0]).toMatchObject({ counted: 6, na: 2, unanswered: 0 });
  });

  it('shows what each item would add if answered best', () => {
    const b = scoreEvaluation(rubric, answers(typical));
    const ifBest = (id: string) => b.items.find((i) => i.itemId === id)?.ifBest;
    expect(ifBest('greeting')).toEqual({ percent: 70.6, delta: 0 }); // already full marks
    expect(ifBest('hold-etiquette')).toEqual({ percent: 76.5, delta: 5.9 }); // 13/17
    expect(ifBest('apology')).toEqual({ percent: 72.2, delta: 1.6 }); // n.a. → yes: 13/18
    expect(ifBest('listening')).toEqual({ percent: 76.5, delta: 5.9 }); // 1 → 2 of 2: 13/17
  });

  it('a rude remark: courtesy still shows 5 of 8 = 62.5 %, overall fail at 0 %, and the comment is demanded', () => {
    const b = scoreEvaluation(rubric, answers({ ...typical, 'polite-tone': no }));
    expect(b.sections.map((s) => s.percent)).toEqual([62.5, 66.7]);
    expect(b.overall).toEqual({
      earned: 11,
      possible: 17,
      pointsPercent: 64.7,
      percent: 0,
      passMark: 80,
      outcome: 'criticalFail',
      result: 'criticalFail',
    });
    expect(b.criticalFailItemIds).toEqual(['polite-tone']);
    expect(b.missingCommentItemIds).toEqual(['polite-tone']);
    expect(b.complete).toBe(false);
    // Fixing the critical item alone restores the score; fixing anything else leaves the fail.
    expect(b.items.find((i) => i.itemId === 'polite-tone')?.ifBest).toEqual({ percent: 70.6, delta: 70.6 });
    expect(b.items.find((i) => i.itemId === 'closing')?.ifBest).toEqual({ percent: 0, delta: 0 });

    const commented = scoreEvaluation(
      rubric,
      answers({ ...typical, 'polite-tone': no }, { 'polite-tone': 'Sighed: "as I said twice"' }),
    );
    expect(commented.missingCommentItemIds).toEqual([]);
    expect(commented.complete).toBe(true);
    expect(commented.overall.result).toBe('criticalFail');
  });

  it('wrong information fails the evaluation only with consequences', () => {
    const harmless = scoreEvaluation(rubric, answers({ ...typical, 'product-knowledge': choice('wrong') }));
    expect(harmless.overall).toMatchObject({ percent: 64.7, result: 'belowTarget' }); // 11/17
    const harmful = scoreEvaluation(
      rubric,
      answers({ ...typical, 'product-knowledge': choice('wrong-with-consequences') }),
    );
    expect(harmful.overall).toMatchObject({ pointsPercent: 64.7, percent: 0, result: 'criticalFail' });
    expect(harmful.sections[1]?.percent).toBe(55.6); // 5/9
  });

  it('a dishonest promise fails the evaluation', () => {
    const b = scoreEvaluation(
      rubric,
      answers({ ...typical, honesty: no }, { honesty: 'Promised a technician tomorrow' }),
    );
    expect(b.overall.result).toBe('criticalFail');
    expect(b.criticalFailItemIds).toEqual(['honesty']);
  });

  it('a draft with nothing answered has no percent yet and is incomplete', () => {
    const b = scoreEvaluation(rubric, []);
    expect(b.sections.map((s) => s.percent)).toEqual([null, null]);
    expect(b.overall).toEqual({
      earned: 0,
      possible: 0,
      pointsPercent: null,
      percent: null,
      passMark: 80,
      outcome: 'pass',
      result: 'incomplete',
    });
    expect(b.unansweredItemIds).toHaveLength(16);
  });

  it('a half-done draft shows a running score over what is answered', () => {
    const b = scoreEvaluation(rubric, answers({ greeting: yes, listening: scale(1) }));
    expect(b.overall).toMatchObject({
      earned: 2,
      possible: 3,
      percent: 66.7,
      outcome: 'belowTarget',
      result: 'incomplete',
    });
  });

  it('a section weight counts that section’s points that many times: (6 + 2 × 6) of (8 + 2 × 9) = 69.2 %', () => {
    const weighted = parseRubric({
      ...rubric,
      sections: rubric.sections.map((s) => (s.id === 'competence' ? { ...s, weight: 2 } : s)),
    });
    const b = scoreEvaluation(weighted, answers(typical));
    expect(b.sections.map((s) => s.percent)).toEqual([75, 66.7]); // the section's own figures ignore its weight
    expect(b.overall).toMatchObject({ earned: 18, possible: 26, percent: 69.2 });
  });

  it('refuses answers that do not fit the rubric', () => {
    expect(() => scoreEvaluation(rubric, answers({ greeting: scale(1) }))).toThrow(
      "answers[0] ('greeting'): a yes/no item takes yes or no (got scale)",
    );
    expect(() => scoreEvaluation(rubric, answers({ closing: na }))).toThrow(
      'n.a. is not allowed for this item',
    );
    expect(() => scoreEvaluation(rubric, answers({ nonsense: yes }))).toThrow('has no such item');
  });
});

describe('n.a.', () => {
  it('is removed from both sums, so it can lower a score: "n.a. never lowers a score" holds only against answers that cost points', () => {
    // Greeting yes (1 of 1) and closing no (0 of 1) make 50 % of courtesy. Removing the full-marks
    // greeting as n.a. leaves 0 of 1. Hence the pinned property compares n.a. with a 0-point answer.
    const twoItems = parseRubric({
      id: 'two',
      name: 'Two',
      language: 'en',
      sections: [
        {
          id: 'courtesy',
          title: 'Courtesy',
          items: [
            { id: 'greeting', type: 'yesNo', title: 'Greeting', naAllowed: true },
            { id: 'closing', type: 'yesNo', title: 'Closing', naAllowed: true },
          ],
        },
      ],
    });
    const score = (greeting: AnswerValue) =>
      scoreEvaluation(twoItems, answers({ greeting, closing: no })).overall.percent;
    expect(score(yes)).toBe(50);
    expect(score(na)).toBe(0);
    expect(score(no)).toBe(0);
  });

  it('on the default rubric: n.a. for apology keeps 12 of 17; a no would make it 12 of 18', () => {
    expect(scoreEvaluation(rubric, answers(typical)).overall.percent).toBe(70.6);
    expect(scoreEvaluation(rubric, answers({ ...typical, apology: no })).overall.percent).toBe(66.7);
  });
});

describe('explainScore', () => {
  it('gives the formula as steps the UI translates', () => {
    const b = scoreEvaluation(rubric, answers({ ...typical, 'polite-tone': no }, { 'polite-tone': 'Rude' }));
    expect(explainScore(b).steps).toEqual([
      {
        key: 'section',
        sectionId: 'courtesy',
        title: 'Courtesy',
        earned: 5,
        possible: 8,
        percent: 62.5,
        removed: 2,
      },
      {
        key: 'section',
        sectionId: 'competence',
        title: 'Competence',
        earned: 6,
        possible: 9,
        percent: 66.7,
        removed: 2,
      },
      {
        key: 'overall',
        terms: [
          { sectionId: 'courtesy', title: 'Courtesy', weight: 1, earned: 5, possible: 8 },
          { sectionId: 'competence', title: 'Competence', weight: 1, earned: 6, possible: 9 },
        ],
        earned: 11,
        possible: 17,
        percent: 64.7,
      },
      { key: 'criticalFail', itemId: 'polite-tone', sectionId: 'courtesy', title: 'Polite tone throughout' },
      { key: 'result', result: 'criticalFail', percent: 0 },
    ]);
  });

  it('says for each item what it earned, what it lost and what answering it best would add', () => {
    const { items } = explainScore(scoreEvaluation(rubric, answers(typical)));
    expect(items.find((i) => i.itemId === 'listening')).toEqual({
      itemId: 'listening',
      sectionId: 'courtesy',
      title: 'Listens without interrupting',
      status: 'counted',
      earned: 1,
      possible: 2,
      lost: 1,
      criticalFail: false,
      percentIfBest: 76.5,
      deltaIfBest: 5.9,
    });
    expect(items.find((i) => i.itemId === 'apology')).toMatchObject({
      status: 'na',
      earned: 0,
      possible: 1,
      lost: 0,
    });
  });

  it('reports what keeps an evaluation incomplete', () => {
    const { steps } = explainScore(scoreEvaluation(rubric, answers({ greeting: yes })));
    expect(steps).toContainEqual({ key: 'incomplete', unanswered: 15, missingComments: 0 });
  });
});

describe('percent arithmetic', () => {
  it('rounds once, half up, to one decimal', () => {
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 16)).toBe(6.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(0, 5)).toBe(0);
    expect(percentOf(0, 0)).toBeNull();
    expect(percentOf(2 ** 52, 2 ** 52 + 1)).toBe(100);
    expect(percentOf(2 ** 52 - 1, 2 ** 53)).toBe(50);
  });

  it('does not drift with decimal weights (0.01 + 0.09 of 0.32 is exactly 31.25 % → 31.3 %)', () => {
    // Summing the weights as floats and rounding gives 31.2 here; counting in hundredths gives 31.3.
    const drifty = parseRubric({
      id: 'drift',
      name: 'Drift',
      language: 'en',
      sections: [
        {
          id: 's',
          title: 'S',
          items: [
            { id: 'a', type: 'yesNo', title: 'A', weight: 0.01 },
            { id: 'b', type: 'yesNo', title: 'B', weight: 0.09 },
            { id: 'c', type: 'yesNo', title: 'C', weight: 0.22 },
          ],
        },
      ],
    });
    const b = scoreEvaluation(drifty, answers({ a: yes, b: yes, c: no }));
    expect(b.overall.percent).toBe(31.3);
    expect(b.sections[0]).toMatchObject({ earned: 0.1, possible: 0.32 });
  });
});
