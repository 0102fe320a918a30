import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  describeAgreement,
  fleissKappa,
  krippendorffAlpha,
  type MeasurementLevel,
} from '../../../shared/stats/agreement';

const LEVELS: MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];
const _ = null;

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C (4 observers × 12 units,
 * missing data), https://repository.upenn.edu/asc_papers/43. The same matrix is `nmm`, the "C" data in the
 * example of the R irr package's `kripp.alpha` (CRAN irr 0.84.1 documentation).
 */
const krippendorff2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _], // observer A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3], // observer B
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _], // observer C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _], // observer D
];

/** Wikipedia, "Krippendorff's alpha", section "A computational example" (3 coders × 15 units). */
const wikipediaAlpha = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

describe('krippendorffAlpha: published worked examples', () => {
  it('matches Krippendorff (2011) and R irr kripp.alpha(nmm) at every level', () => {
    // Nominal exactly: the paper's coincidence matrix (n = 40 pairable values) gives α = 113/152 =
    // 0.743421…, as reproduced in the README of a Python port of the paper's procedure.
    // All four levels to three decimals: R irr's printed output for `kripp.alpha(nmm, level)` is
    // nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797; ordinal 0.815 and ratio 0.797 are also
    // asserted for this matrix by the Python package `krippendorff` (pln-fing-udelar/fast-krippendorff,
    // tests/test_krippendorff.py), whose issue #4 quotes the paper's ordinal figure against R irr.
    expect(krippendorffAlpha(krippendorff2011, 'nominal')).toBeCloseTo(113 / 152, 12);
    expect(krippendorffAlpha(krippendorff2011, 'nominal').toFixed(3)).toBe('0.743');
    expect(krippendorffAlpha(krippendorff2011, 'ordinal').toFixed(3)).toBe('0.815');
    expect(krippendorffAlpha(krippendorff2011, 'interval').toFixed(3)).toBe('0.849');
    expect(krippendorffAlpha(krippendorff2011, 'ratio').toFixed(3)).toBe('0.797');
  });

  it('matches the Wikipedia computational example to six decimals', () => {
    // Wikipedia gives α_nominal = 0.691 and α_interval = 0.811; six decimals (0.691358, 0.810845) from
    // the test suite of pln-fing-udelar/fast-krippendorff (tests/test_krippendorff.py).
    expect(krippendorffAlpha(wikipediaAlpha, 'nominal')).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(wikipediaAlpha, 'interval')).toBeCloseTo(0.810845, 6);
  });
});

describe('krippendorffAlpha: conventions and bad input', () => {
  it('reports 1 when every pairable answer is the same (expected disagreement 0, documented convention)', () => {
    for (const level of LEVELS) {
      expect(
        krippendorffAlpha(
          [
            [2, 2, _],
            [2, _, 7],
            [2, 2, _],
          ],
          level,
        ),
      ).toBe(1);
    }
  });

  it('gives negative alpha for systematic disagreement', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 2],
          [2, 1],
        ],
        'nominal',
      ),
    ).toBeCloseTo(-0.5, 12);
  });

  it('treats ratio zeros as equal (0/0 distance is 0)', () => {
    expect(
      krippendorffAlpha(
        [
          [0, 1, 2],
          [0, 1, 2],
        ],
        'ratio',
      ),
    ).toBe(1);
  });

  it('refuses bad data with an error naming the problem', () => {
    expect(() => krippendorffAlpha([[1, 2, 3]], 'nominal')).toThrow('at least 2 raters; got 1');
    expect(() => krippendorffAlpha([], 'nominal')).toThrow('at least 2 raters; got 0');
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2, 3],
          [1, 2],
        ],
        'nominal',
      ),
    ).toThrow('Rater 2 has 2 answers but rater 1 has 3');
    expect(() =>
      krippendorffAlpha(
        [
          [1, NaN],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow('Rater 1, unit 2: NaN is not a finite number');
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2],
          [1, Infinity],
        ],
        'interval',
      ),
    ).toThrow('Rater 2, unit 2: Infinity is not a finite number');
    expect(() =>
      krippendorffAlpha(
        [
          [1, _],
          [_, 2],
        ],
        'nominal',
      ),
    ).toThrow('No unit has answers from at least 2 raters');
    expect(() =>
      krippendorffAlpha(
        [
          [1, -2],
          [1, 2],
        ],
        'ratio',
      ),
    ).toThrow('-2 is negative');
    expect(() => krippendorffAlpha([[1], [1]], 'circular' as MeasurementLevel)).toThrow(
      "Unknown level of measurement 'circular'",
    );
  });
});

/** A rating matrix data[rater][unit] with small whole values (≥ 0, so ratio fits) and some missing. */
const ratings = fc
  .record({ raters: fc.integer({ min: 2, max: 5 }), units: fc.integer({ min: 1, max: 8 }) })
  .chain(({ raters, units }) =>
    fc.array(
      fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 4 }), {
        minLength: units,
        maxLength: units,
      }),
      { minLength: raters, maxLength: raters },
    ),
  )
  .filter((data) => data[0]!.some((_v, unit) => data.filter((row) => row[unit] !== null).length >= 2));

const level = fc.constantFrom(...LEVELS);

function permutation(size: number) {
  return fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size });
}

describe('krippendorffAlpha: properties', () => {
  it('is 1 whenever every rater who answered a unit gave the same answer', () => {
    fc.assert(
      fc.property(
        ratings,
        level,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        (data, lvl, truth) => {
          const agreed = data.map((row) => row.map((value, unit) => (value === null ? null : truth[unit]!)));
          expect(krippendorffAlpha(agreed, lvl)).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('does not change when raters or units are put in another order', () => {
    fc.assert(
      fc.property(
        ratings.chain((data) =>
          fc.tuple(fc.constant(data), permutation(data.length), permutation(data[0]!.length)),
        ),
        level,
        ([data, raterOrder, unitOrder], lvl) => {
          const reordered = raterOrder.map((rater) => unitOrder.map((unit) => data[rater]![unit]!));
          expect(krippendorffAlpha(reordered, lvl)).toBeCloseTo(krippendorffAlpha(data, lvl), 10);
        },
      ),
    );
  });

  it('ignores a unit that only one rater answered, whatever the answer', () => {
    fc.assert(
      fc.property(ratings, level, fc.nat(), fc.integer({ min: 0, max: 99 }), (data, lvl, who, answer) => {
        const rater = who % data.length;
        const extended = data.map((row, r) => [...row, r === rater ? answer : null]);
        expect(krippendorffAlpha(extended, lvl)).toBe(krippendorffAlpha(data, lvl));
      }),
    );
  });

  it('ordinal alpha depends only on the order of the values, not the numbers used', () => {
    fc.assert(
      fc.property(ratings, (data) => {
        const stretched = data.map((row) => row.map((v) => (v === null ? null : v ** 3 + 10 * v)));
        expect(krippendorffAlpha(stretched, 'ordinal')).toBeCloseTo(krippendorffAlpha(data, 'ordinal'), 10);
      }),
    );
  });

  it('never exceeds 1', () => {
    fc.assert(
      fc.property(ratings, level, (data, lvl) => {
        expect(krippendorffAlpha(data, lvl)).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

/** Ratings (one category per rater) to counts[subject][category] for categories 1..k. */
function countsOf(ratingsBySubject: number[][], categories: number): number[][] {
  return ratingsBySubject.map((row) => {
    const counts = new Array<number>(categories).fill(0);
    for (const category of row) counts[category - 1]!++;
    return counts;
  });
}

/**
 * Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin 76(5),
 * 378–382: 30 patients, 6 psychiatrists, 5 diagnoses. The raw ratings are R irr's `diagnoses` data set
 * (as transcribed in statsmodels, statsmodels/stats/tests/test_inter_rater.py).
 */
const diagnoses = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5],
];

/**
 * Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories, κ = 0.210 (the same
 * table and figure are statsmodels' test_fleiss_kappa, "example from Wikipedia page").
 */
const wikipediaKappa = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('fleissKappa', () => {
  it('matches Fleiss (1971) as computed by R irr kappam.fleiss(diagnoses): 0.4302445', () => {
    // 0.4302445 is R irr's kappam.fleiss(diagnoses) value as quoted in statsmodels' test_fleiss_kappa_irr.
    expect(fleissKappa(countsOf(diagnoses, 5))).toBeCloseTo(0.4302445, 7);
  });

  it('matches the Wikipedia worked example: 0.210', () => {
    expect(fleissKappa(wikipediaKappa)).toBeCloseTo(0.20993, 5);
    expect(fleissKappa(wikipediaKappa).toFixed(3)).toBe('0.210');
  });

  it('is 1 when all raters agree on every subject', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 20 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (categories, raters, chosen) => {
          const counts = chosen.map((c) => {
            const row = new Array<number>(categories).fill(0);
            row[c % categories] = raters;
            return row;
          });
          expect(fleissKappa(counts)).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('does not change when subjects or categories are put in another order', () => {
    const counts = countsOf(diagnoses, 5);
    const relabel = [3, 0, 4, 2, 1];
    const shuffled = [...counts].reverse().map((row) => relabel.map((category) => row[category] ?? 0));
    expect(fleissKappa(shuffled)).toBeCloseTo(fleissKappa(counts), 12);
  });

  it('refuses bad counts with an error naming the problem', () => {
    expect(() => fleissKappa([])).toThrow('at least one subject');
    expect(() =>
      fleissKappa([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow('Subject 2 was rated by 2 raters but subject 1 by 3');
    expect(() =>
      fleissKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow('at least 2 raters per subject; got 1');
    expect(() =>
      fleissKappa([
        [1, 1],
        [1, 1, 0],
      ]),
    ).toThrow('Subject 2 has 3 categories but subject 1 has 2');
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow('Subject 1, category 1: 1.5 is not a count');
    expect(() => fleissKappa([[-1, 3]])).toThrow('-1 is not a count');
  });
});

describe('bootstrapInterval', () => {
  it('brackets alpha and is the same for the same seed', () => {
    const first = bootstrapInterval(krippendorff2011, 'interval', { seed: 42 });
    const again = bootstrapInterval(krippendorff2011, 'interval', { seed: 42 });
    expect(again).toEqual(first);
    expect(first.alpha).toBeCloseTo(krippendorffAlpha(krippendorff2011, 'interval'), 12);
    expect(first.lower).toBeLessThan(first.alpha);
    expect(first.upper).toBeGreaterThan(first.alpha);
    expect(first.upper).toBeLessThanOrEqual(1);
    expect(first).toMatchObject({ draws: 1000, confidence: 0.95 });
    const other = bootstrapInterval(krippendorff2011, 'interval', { seed: 7 });
    expect(other.lower).not.toBe(first.lower);
  });

  it('narrows as the confidence level drops', () => {
    const wide = bootstrapInterval(krippendorff2011, 'nominal', { confidence: 0.95 });
    const narrow = bootstrapInterval(krippendorff2011, 'nominal', { confidence: 0.5 });
    expect(narrow.lower).toBeGreaterThanOrEqual(wide.lower);
    expect(narrow.upper).toBeLessThanOrEqual(wide.upper);
  });

  it('is [1, 1] for perfect agreement', () => {
    const perfect = [
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, _, 4],
    ];
    expect(bootstrapInterval(perfect, 'ordinal', { draws: 200 })).toMatchObject({ lower: 1, upper: 1 });
  });

  it('refuses bad options and bad data', () => {
    expect(() => bootstrapInterval(krippendorff2011, 'nominal', { draws: 0 })).toThrow('draws must be');
    expect(() => bootstrapInterval(krippendorff2011, 'nominal', { confidence: 95 })).toThrow(
      'Confidence must lie between 0 and 1',
    );
    expect(() => bootstrapInterval(krippendorff2011, 'nominal', { seed: 0.5 })).toThrow('seed');
    expect(() => bootstrapInterval([[1]], 'nominal')).toThrow('at least 2 raters');
  });
});

describe('describeAgreement', () => {
  it("uses Krippendorff's cut-offs for alpha: .800 and .667", () => {
    expect(describeAgreement(0.81)).toBe('excellent');
    expect(describeAgreement(0.8, 'alpha')).toBe('excellent');
    expect(describeAgreement(0.799)).toBe('tentative');
    expect(describeAgreement(0.667)).toBe('tentative');
    expect(describeAgreement(0.666)).toBe('poor');
    expect(describeAgreement(-0.5)).toBe('poor');
  });

  it('uses the Landis & Koch (1977) bands for kappa', () => {
    expect(describeAgreement(-0.1, 'kappa')).toBe('poor');
    expect(describeAgreement(0, 'kappa')).toBe('slight');
    expect(describeAgreement(0.21, 'kappa')).toBe('fair');
    expect(describeAgreement(0.43, 'kappa')).toBe('moderate');
    expect(describeAgreement(0.61, 'kappa')).toBe('substantial');
    expect(describeAgreement(0.81, 'kappa')).toBe('almostPerfect');
    expect(describeAgreement(1, 'kappa')).toBe('almostPerfect');
  });

  it('refuses something that is not an agreement figure', () => {
    expect(() => describeAgreement(NaN)).toThrow('NaN is not an agreement figure');
    expect(() => describeAgreement(1.2, 'kappa')).toThrow('1.2 is not an agreement figure');
  });
});
