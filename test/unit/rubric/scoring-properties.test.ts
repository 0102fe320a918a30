import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rubric, explainScore, scoreEvaluation } from '../../../shared/rubric';
import type { Answer, RubricItem, ScoreBreakdown } from '../../../shared/rubric';
import {
  allItems,
  answersArb,
  failsItem,
  fullMarks,
  mapItems,
  rubricArb,
  rubricWithAnswersArb,
  withAnswer,
  zeroMarks,
} from './arbitraries';

/**
 * The scoring rules of docs/scoring.md as properties: points earned over points possible, per section
 * and overall, n.a. left out of both; a failed critical item makes the overall a fail (0) while the
 * sections keep their figures.
 */

const runs = { numRuns: 300 };

const sectionFigures = (b: ScoreBreakdown) =>
  b.sections.map(({ sectionId, earned, possible, percent }) => ({ sectionId, earned, possible, percent }));

/** a ≤ b, where null (nothing counted) compares with nothing. */
const atMost = (a: number | null, b: number | null) => a === null || b === null || a <= b;

/** The same rubric with no critical items (criticalWhen only exists on critical items). */
function withoutCritical(rubric: Rubric): Rubric {
  return mapItems(rubric, (item) => {
    if (item.type !== 'scale') return { ...item, critical: false };
    const { criticalWhen: _dropped, ...rest } = item;
    return { ...rest, critical: false };
  });
}

/** Picks one item of the rubric by a generated index. */
const pick = (rubric: Rubric, index: number): RubricItem => {
  const items = allItems(rubric);
  const item = items[index % items.length];
  if (!item) throw new Error('rubric without items');
  return item;
};

describe('generated rubrics', () => {
  it('are valid rubrics (so the properties below speak about real rubrics)', () => {
    fc.assert(
      fc.property(rubricArb(), (rubric) => {
        expect(Rubric.safeParse(rubric).success).toBe(true);
      }),
      runs,
    );
  });
});

describe('scoring properties', () => {
  it('every percent stays within 0–100 % and earned never exceeds possible', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb(), ({ rubric, answers }) => {
        const b = scoreEvaluation(rubric, answers);
        const percents = [
          b.overall.percent,
          b.overall.pointsPercent,
          ...b.sections.map((s) => s.percent),
          ...b.items.map((i) => i.ifBest.percent),
        ];
        for (const p of percents.filter((p) => p !== null)) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(100);
        }
        for (const s of b.sections) expect(s.earned).toBeLessThanOrEqual(s.possible);
        for (const i of b.items) expect(i.earned).toBeLessThanOrEqual(i.possible);
        expect(b.overall.earned).toBeLessThanOrEqual(b.overall.possible + 1e-9);
      }),
      runs,
    );
  });

  it('the overall percent is the weighted points ratio, rounded once to one decimal', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb(), ({ rubric, answers }) => {
        const { overall } = scoreEvaluation(rubric, answers);
        if (overall.possible === 0) {
          expect(overall.pointsPercent).toBeNull();
          return;
        }
        const exact = (100 * overall.earned) / overall.possible;
        expect(Math.abs((overall.pointsPercent ?? NaN) - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
      runs,
    );
  });

  it('the outcome is a critical fail exactly when a critical item is answered with a fail, and that scores 0 %', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb({ criticalOneIn: 3 }), ({ rubric, answers }) => {
        const b = scoreEvaluation(rubric, answers);
        const failedCritical = allItems(rubric).some((item) => {
          const value = answers.find((a) => a.itemId === item.id)?.value;
          return item.critical && value != null && failsItem(item, value);
        });
        expect(b.overall.outcome === 'criticalFail').toBe(failedCritical);
        expect(b.overall.result === 'criticalFail').toBe(failedCritical);
        if (failedCritical) expect(b.overall.percent).toBe(0);
        else expect(b.overall.percent).toBe(b.overall.pointsPercent);
      }),
      runs,
    );
  });

  it('a critical fail always yields fail and 0 %, and leaves every section figure as it would be without the critical rule', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb(), fc.nat(), ({ rubric, answers }, index) => {
        // Make one item critical, with a fail answer available, and answer it with that fail.
        const target = pick(rubric, index);
        const critical = mapItems(rubric, (item) => {
          if (item.id !== target.id) return item;
          if (item.type !== 'choice' || item.options.some((o) => o.fail)) return { ...item, critical: true };
          const top = Math.max(...item.options.map((o) => o.points));
          // A lower option becomes the fail; if all are worth the same, any but the first (full marks stay reachable).
          const lower = item.options.findIndex((o) => o.points < top);
          const at = lower >= 0 ? lower : 1;
          return { ...item, critical: true, options: item.options.map((o, i) => ({ ...o, fail: i === at })) };
        });
        const item = pick(critical, index);
        const fail =
          item.type === 'yesNo'
            ? ({ kind: 'no' } as const)
            : item.type === 'scale'
              ? ({ kind: 'scale', value: (item.criticalWhen ?? [0])[0] ?? 0 } as const)
              : ({ kind: 'choice', optionId: item.options.find((o) => o.fail)?.id ?? '' } as const);
        const failed = withAnswer(answers, item.id, fail);

        const b = scoreEvaluation(critical, failed);
        expect(b.overall.result).toBe('criticalFail');
        expect(b.overall.percent).toBe(0);
        expect(b.criticalFailItemIds).toContain(item.id);
        expect(sectionFigures(b)).toEqual(sectionFigures(scoreEvaluation(withoutCritical(critical), failed)));
      }),
      runs,
    );
  });

  it('marking an item n.a. scores between answering it with 0 points and answering it with full marks (overall and its section)', () => {
    // "n.a. never lowers a score" holds against the answers that cost points, not against all answers:
    // n.a. removes the item from both sums, so removing a full-marks item lowers a score below 100 %.
    // The exact statement: score(0 points) ≤ score(n.a.) ≤ score(full marks).
    fc.assert(
      fc.property(rubricWithAnswersArb(), fc.nat(), ({ rubric, answers }, index) => {
        const naRubric = mapItems(rubric, (item) => ({ ...item, naAllowed: true }));
        const item = pick(naRubric, index);
        const zero = zeroMarks(item);
        fc.pre(zero !== null);
        const score = (value: Parameters<typeof withAnswer>[2]) =>
          scoreEvaluation(naRubric, withAnswer(answers, item.id, value));
        const [low, na, high] = [score(zero), score({ kind: 'na' }), score(fullMarks(item))];
        expect(atMost(low.overall.percent, na.overall.percent)).toBe(true);
        expect(atMost(na.overall.percent, high.overall.percent)).toBe(true);
        const section = (b: ScoreBreakdown) =>
          b.sections.find((s) => s.sectionId === b.items.find((i) => i.itemId === item.id)?.sectionId)
            ?.percent ?? null;
        expect(atMost(section(low), section(na))).toBe(true);
        expect(atMost(section(na), section(high))).toBe(true);
      }),
      runs,
    );
  });

  it('marking an item n.a. gives exactly the figures of the same rubric without that item (removed from both sums)', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb(), fc.nat(), ({ rubric, answers }, index) => {
        const naRubric = mapItems(rubric, (item) => ({ ...item, naAllowed: true }));
        const item = pick(naRubric, index);
        const section = naRubric.sections.find((s) => s.items.some((i) => i.id === item.id));
        fc.pre(section !== undefined && section.items.length > 1); // a section cannot be left empty
        const without = {
          ...naRubric,
          sections: naRubric.sections.map((s) => ({ ...s, items: s.items.filter((i) => i.id !== item.id) })),
        };
        const na = scoreEvaluation(naRubric, withAnswer(answers, item.id, { kind: 'na' }));
        const removed = scoreEvaluation(
          without,
          answers.filter((a) => a.itemId !== item.id),
        );
        expect(sectionFigures(na)).toEqual(sectionFigures(removed));
        expect(na.overall).toEqual(removed.overall);
      }),
      runs,
    );
  });

  it('an unanswered item counts exactly like n.a. in every figure, but makes the evaluation incomplete', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb(), fc.nat(), ({ rubric, answers }, index) => {
        const naRubric = mapItems(rubric, (item) => ({ ...item, naAllowed: true }));
        const item = pick(naRubric, index);
        const unanswered = scoreEvaluation(naRubric, withAnswer(answers, item.id, null));
        const na = scoreEvaluation(naRubric, withAnswer(answers, item.id, { kind: 'na' }));
        expect(sectionFigures(unanswered)).toEqual(sectionFigures(na));
        expect(unanswered.overall.percent).toBe(na.overall.percent);
        expect(unanswered.complete).toBe(false);
        expect(unanswered.overall.result).not.toBe('pass');
      }),
      runs,
    );
  });

  it('full marks on every item give 100 % overall and per section, and a pass', () => {
    fc.assert(
      fc.property(rubricArb({ criticalOneIn: 2 }), (rubric) => {
        const answers: Answer[] = allItems(rubric).map((item) => ({
          itemId: item.id,
          value: fullMarks(item),
        }));
        const b = scoreEvaluation(rubric, answers);
        expect(b.overall.result).toBe('pass');
        expect(b.overall.percent).toBe(b.overall.possible > 0 ? 100 : null);
        for (const s of b.sections) expect(s.percent).toBe(s.possible > 0 ? 100 : null);
      }),
      runs,
    );
  });

  it('0 points on every item gives 0 % overall and per section', () => {
    fc.assert(
      fc.property(rubricArb({ criticalOneIn: 0 }), (rubric) => {
        // Give every choice item a 0-point option so there is a worst answer worth nothing.
        const zeroable = mapItems(rubric, (item) =>
          item.type === 'choice'
            ? {
                ...item,
                options: [...item.options, { id: `${item.id}-zero`, label: 'Zero', points: 0, fail: false }],
              }
            : item,
        );
        const answers: Answer[] = allItems(zeroable).map((item) => ({
          itemId: item.id,
          value: zeroMarks(item),
        }));
        const b = scoreEvaluation(zeroable, answers);
        expect(b.overall.percent).toBe(b.overall.possible > 0 ? 0 : null);
        for (const s of b.sections) expect(s.percent).toBe(s.possible > 0 ? 0 : null);
      }),
      runs,
    );
  });

  it('multiplying all item weights by k > 0 and all section weights by m > 0 changes no percent and no result', () => {
    fc.assert(
      fc.property(
        rubricWithAnswersArb(),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        ({ rubric, answers }, k, m) => {
          const times = (w: number, f: number) => (Math.round(w * 100) * f) / 100;
          const scaled: Rubric = {
            ...mapItems(rubric, (item) => ({ ...item, weight: times(item.weight, k) })),
          };
          scaled.sections = scaled.sections.map((s) => ({ ...s, weight: times(s.weight, m) }));
          const [a, b] = [scoreEvaluation(rubric, answers), scoreEvaluation(scaled, answers)];
          expect(b.sections.map((s) => s.percent)).toEqual(a.sections.map((s) => s.percent));
          expect(b.overall.percent).toBe(a.overall.percent);
          expect(b.overall.pointsPercent).toBe(a.overall.pointsPercent);
          expect(b.overall.result).toBe(a.overall.result);
          expect(b.items.map((i) => i.ifBest)).toEqual(a.items.map((i) => i.ifBest));
        },
      ),
      runs,
    );
  });

  it("a section's figures depend only on its own items: other sections' answers and weights do not move them", () => {
    fc.assert(
      fc.property(
        rubricArb().chain((rubric) =>
          fc.record({
            rubric: fc.constant(rubric),
            mine: answersArb(rubric),
            theirs: answersArb(rubric),
            weights: fc.array(fc.integer({ min: 0, max: 1000 }), {
              minLength: rubric.sections.length,
              maxLength: rubric.sections.length,
            }),
            section: fc.nat(rubric.sections.length - 1),
          }),
        ),
        ({ rubric, mine, theirs, weights, section }) => {
          const own = rubric.sections[section];
          if (!own) throw new Error('no such section');
          const ownIds = new Set(own.items.map((i) => i.id));
          const mixed = [
            ...mine.filter((a) => ownIds.has(a.itemId)),
            ...theirs.filter((a) => !ownIds.has(a.itemId)),
          ];
          const reweighed = {
            ...rubric,
            sections: rubric.sections.map((s, i) =>
              i === section ? s : { ...s, weight: (weights[i] ?? 0) / 100 },
            ),
          };
          const before = sectionFigures(scoreEvaluation(rubric, mine))[section];
          const after = sectionFigures(scoreEvaluation(reweighed, mixed))[section];
          expect(after).toEqual(before);
        },
      ),
      runs,
    );
  });

  it("each item's 'if answered best' figure is the score after answering it best, and never below the score now", () => {
    fc.assert(
      fc.property(rubricWithAnswersArb({ criticalOneIn: 4 }), ({ rubric, answers }) => {
        const b = scoreEvaluation(rubric, answers);
        for (const item of allItems(rubric)) {
          const score = b.items.find((i) => i.itemId === item.id);
          const best = scoreEvaluation(rubric, withAnswer(answers, item.id, fullMarks(item)));
          expect(score?.ifBest.percent).toBe(best.overall.percent);
          if (score?.ifBest.delta != null) {
            expect(score.ifBest.delta).toBeGreaterThanOrEqual(0);
            expect(score.ifBest.delta).toBeCloseTo((best.overall.percent ?? 0) - (b.overall.percent ?? 0), 9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the order of the answers does not matter', () => {
    fc.assert(
      fc.property(
        rubricWithAnswersArb().chain(({ rubric, answers }) =>
          fc
            .shuffledSubarray(answers, { minLength: answers.length, maxLength: answers.length })
            .map((shuffled) => ({ rubric, answers, shuffled })),
        ),
        ({ rubric, answers, shuffled }) => {
          expect(scoreEvaluation(rubric, shuffled)).toEqual(scoreEvaluation(rubric, answers));
        },
      ),
      runs,
    );
  });

  it('the explanation adds up: overall = Σ weight × section points, one step per failed critical item, then the result', () => {
    fc.assert(
      fc.property(rubricWithAnswersArb({ criticalOneIn: 3 }), ({ rubric, answers }) => {
        const b = scoreEvaluation(rubric, answers);
        const { steps, items } = explainScore(b);
        const overall = steps.find((s) => s.key === 'overall');
        if (overall?.key !== 'overall') throw new Error('no overall step');
        expect(overall.earned).toBeCloseTo(
          overall.terms.reduce((sum, t) => sum + t.weight * t.earned, 0),
          6,
        );
        expect(overall.possible).toBeCloseTo(
          overall.terms.reduce((sum, t) => sum + t.weight * t.possible, 0),
          6,
        );
        expect(steps.filter((s) => s.key === 'criticalFail')).toHaveLength(b.criticalFailItemIds.length);
        expect(steps.at(-1)).toEqual({ key: 'result', result: b.overall.result, percent: b.overall.percent });
        const passMark = steps.find((s) => s.key === 'passMark');
        if (b.overall.outcome === 'criticalFail' || b.overall.percent === null)
          expect(passMark).toBeUndefined();
        else
          expect(passMark).toEqual({
            key: 'passMark',
            passMark: rubric.passMark,
            percent: b.overall.percent,
            reached: b.overall.outcome === 'pass',
          });
        expect(steps.some((s) => s.key === 'incomplete')).toBe(!b.complete);
        expect(items.map((i) => i.itemId)).toEqual(allItems(rubric).map((i) => i.id));
      }),
      runs,
    );
  });
});
