/**
 * Agreement between reviewers who scored the same interactions (calibration): Krippendorff's alpha and
 * Fleiss' kappa, a bootstrap interval for alpha, and a plain-words band for each figure.
 *
 * Alpha follows the coincidence-matrix formulation of Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability" (https://repository.upenn.edu/asc_papers/43): each unit with m ≥ 2 values adds
 * every ordered pair of its values to the coincidence matrix with weight 1/(m − 1), and
 * α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 * Kappa follows Fleiss (1971), "Measuring nominal scale agreement among many raters".
 *
 * Convention for the degenerate case: when every pairable value is the same, expected disagreement is 0
 * and alpha is 0/0. Observed disagreement is then 0 too (nobody disagreed), so we report 1, perfect
 * agreement, as most software does for a single shared answer. Kappa does the same when every rater
 * chose one and the same category for every subject. Callers who want to flag "no variation to judge"
 * can check that themselves; the figure never comes back as NaN.
 */

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

const levels: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** A unit that can be paired: indices into the sorted distinct values, with how often each occurs. */
interface PairableUnit {
  answers: { index: number; count: number }[];
  size: number;
}

interface Prepared {
  values: number[];
  units: PairableUnit[];
}

/**
 * Krippendorff's alpha for data[rater][unit]; null is a missing answer. Units with fewer than two
 * answers cannot be paired and drop out, exactly as in Krippendorff (2011).
 */
export function krippendorffAlpha(data: (number | null)[][], level: MeasurementLevel): number {
  const prepared = prepare(data, level);
  return alphaOf(prepared.values, prepared.units, level);
}

function prepare(data: (number | null)[][], level: MeasurementLevel): Prepared {
  if (!levels.includes(level)) {
    throw new Error(
      `Unknown level of measurement '${String(level)}': use nominal, ordinal, interval or ratio.`,
    );
  }
  if (!Array.isArray(data) || data.length < 2) {
    throw new Error(`Agreement needs at least 2 raters; got ${Array.isArray(data) ? data.length : 0}.`);
  }
  const unitCount = data[0]?.length ?? 0;
  data.forEach((row, rater) => {
    if (row.length !== unitCount) {
      throw new Error(
        `Rater ${rater + 1} has ${row.length} answers but rater 1 has ${unitCount}: every rater needs one entry per unit (null when missing).`,
      );
    }
    row.forEach((value, unit) => {
      if (value === null) return;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new Error(`Rater ${rater + 1}, unit ${unit + 1}: ${String(value)} is not a finite number.`);
      }
      if (level === 'ratio' && value < 0) {
        throw new Error(
          `Rater ${rater + 1}, unit ${unit + 1}: ${value} is negative; ratio data starts at 0.`,
        );
      }
    });
  });

  const perUnit: number[][] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    const answers: number[] = [];
    for (const row of data) {
      const value = row[unit];
      if (value !== null && value !== undefined) answers.push(value);
    }
    if (answers.length >= 2) perUnit.push(answers);
  }
  if (perUnit.length === 0) {
    throw new Error('No unit has answers from at least 2 raters, so there is nothing to compare.');
  }

  const values = [...new Set(perUnit.flat())].sort((a, b) => a - b);
  const indexOf = new Map(values.map((value, index) => [value, index]));
  const units = perUnit.map((answers) => {
    const counts = new Map<number, number>();
    for (const value of answers) {
      const index = indexOf.get(value) as number;
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    return { answers: [...counts].map(([index, count]) => ({ index, count })), size: answers.length };
  });
  return { values, units };
}

/** Alpha of a set of pairable units (the full data, or one bootstrap draw of it). */
function alphaOf(values: number[], units: PairableUnit[], level: MeasurementLevel): number {
  const size = values.length;
  const coincidences = new Float64Array(size * size);
  for (const unit of units) {
    const weight = 1 / (unit.size - 1);
    for (const first of unit.answers) {
      for (const second of unit.answers) {
        // Ordered pairs of distinct answers: a value meets itself count·(count − 1) times.
        const pairs = first === second ? first.count * (first.count - 1) : first.count * second.count;
        coincidences[first.index * size + second.index]! += pairs * weight;
      }
    }
  }
  const marginals = new Float64Array(size);
  let total = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) marginals[c]! += coincidences[c * size + k]!;
    total += marginals[c]!;
  }

  const distance = squaredDistance(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const delta = distance(c, k);
      observed += coincidences[c * size + k]! * delta;
      expected += marginals[c]! * marginals[k]! * delta;
    }
  }
  if (expected === 0) return 1; // every pairable value is the same: see the convention at the top.
  return 1 - ((total - 1) * observed) / expected;
}

/** δ²(c, k) between the values at sorted indices c and k. */
function squaredDistance(
  level: MeasurementLevel,
  values: number[],
  marginals: Float64Array,
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c]! - values[k]!) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = values[c]! + values[k]!;
        return sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
      };
    case 'ordinal': {
      // Ranks only: the distance is how many pairable values lie between c and k (Krippendorff 2011),
      // so ordinal alpha does not depend on the numbers used as labels, only on their order.
      const cumulative = new Float64Array(marginals.length + 1);
      marginals.forEach((n, g) => (cumulative[g + 1] = cumulative[g]! + n));
      return (c, k) => {
        const low = Math.min(c, k);
        const high = Math.max(c, k);
        const between = cumulative[high + 1]! - cumulative[low]! - (marginals[low]! + marginals[high]!) / 2;
        return between ** 2;
      };
    }
  }
}

/**
 * Fleiss' kappa for counts[subject][category] = how many raters chose that category for that subject.
 * Every subject needs the same number of raters (at least 2).
 */
export function fleissKappa(counts: number[][]): number {
  if (!Array.isArray(counts) || counts.length === 0) {
    throw new Error('Fleiss’ kappa needs at least one subject.');
  }
  const categories = counts[0]?.length ?? 0;
  if (categories === 0) throw new Error('Fleiss’ kappa needs at least one category.');
  let raters = -1;
  counts.forEach((row, subject) => {
    if (row.length !== categories) {
      throw new Error(
        `Subject ${subject + 1} has ${row.length} categories but subject 1 has ${categories}: every subject needs a count for every category.`,
      );
    }
    row.forEach((count, category) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new Error(
          `Subject ${subject + 1}, category ${category + 1}: ${String(count)} is not a count of raters (a whole number ≥ 0).`,
        );
      }
    });
    const sum = row.reduce((a, b) => a + b, 0);
    if (raters === -1) raters = sum;
    else if (sum !== raters) {
      throw new Error(
        `Subject ${subject + 1} was rated by ${sum} raters but subject 1 by ${raters}: Fleiss’ kappa needs the same number of raters for every subject.`,
      );
    }
  });
  if (raters < 2) throw new Error(`Fleiss’ kappa needs at least 2 raters per subject; got ${raters}.`);

  const subjects = counts.length;
  const share = new Array<number>(categories).fill(0);
  let observed = 0;
  for (const row of counts) {
    let agreeingPairs = 0;
    row.forEach((count, category) => {
      share[category]! += count / (subjects * raters);
      agreeingPairs += count * (count - 1);
    });
    observed += agreeingPairs / (raters * (raters - 1));
  }
  observed /= subjects;
  const chance = share.reduce((sum, p) => sum + p * p, 0);
  if (chance >= 1) return 1; // everyone chose one category everywhere: see the convention at the top.
  return (observed - chance) / (1 - chance);
}

export interface BootstrapOptions {
  /** How many resamples; 1,000 by default. */
  draws?: number;
  /** Coverage of the interval, between 0 and 1; 0.95 by default. */
  confidence?: number;
  /** Seed of the random draws: the same data and seed always give the same interval. */
  seed?: number;
}

export interface AlphaInterval {
  alpha: number;
  lower: number;
  upper: number;
  draws: number;
  confidence: number;
}

/**
 * A percentile bootstrap interval for alpha: the pairable units are drawn with replacement `draws`
 * times, alpha is computed for each draw, and the middle `confidence` share of those alphas is the
 * interval. Seeded, so a calibration result page shows the same interval every time it is opened.
 */
export function bootstrapInterval(
  data: (number | null)[][],
  level: MeasurementLevel,
  options: BootstrapOptions = {},
): AlphaInterval {
  const draws = options.draws ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(draws) || draws < 1) {
    throw new Error(`The number of bootstrap draws must be a whole number ≥ 1; got ${draws}.`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`Confidence must lie between 0 and 1 (0.95 for 95 %); got ${confidence}.`);
  }
  if (!Number.isInteger(seed)) throw new Error(`The bootstrap seed must be a whole number; got ${seed}.`);

  const { values, units } = prepare(data, level);
  const random = mulberry32(seed);
  const alphas = new Float64Array(draws);
  const sample: PairableUnit[] = new Array<PairableUnit>(units.length);
  for (let draw = 0; draw < draws; draw++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(random() * units.length)]!;
    alphas[draw] = alphaOf(values, sample, level);
  }
  alphas.sort();
  const tail = (1 - confidence) / 2;
  return {
    alpha: alphaOf(values, units, level),
    lower: quantile(alphas, tail),
    upper: quantile(alphas, 1 - tail),
    draws,
    confidence,
  };
}

/** Linear interpolation between order statistics (the default of R's quantile, type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** Small, fast, seedable PRNG (mulberry32): reproducibility matters here, not cryptographic strength. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Krippendorff's guidance (2004, 2011): rely on α ≥ .800; draw only tentative conclusions from .667 up. */
export type AlphaBand = 'excellent' | 'tentative' | 'poor';
/** Landis & Koch (1977), "The measurement of observer agreement for categorical data". */
export type KappaBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almostPerfect';

/**
 * The band a figure falls in, as a key for the UI to translate ("0.81: reviewers agree well beyond
 * chance"). Alpha uses Krippendorff's own cut-offs; kappa the Landis & Koch bands.
 */
export function describeAgreement(value: number, statistic?: 'alpha'): AlphaBand;
export function describeAgreement(value: number, statistic: 'kappa'): KappaBand;
export function describeAgreement(
  value: number,
  statistic: 'alpha' | 'kappa' = 'alpha',
): AlphaBand | KappaBand {
  if (!Number.isFinite(value) || value > 1) {
    throw new Error(`${String(value)} is not an agreement figure (a number no greater than 1).`);
  }
  if (statistic === 'alpha') {
    if (value >= 0.8) return 'excellent';
    if (value >= 0.667) return 'tentative';
    return 'poor';
  }
  if (value < 0) return 'poor';
  if (value <= 0.2) return 'slight';
  if (value <= 0.4) return 'fair';
  if (value <= 0.6) return 'moderate';
  if (value <= 0.8) return 'substantial';
  return 'almostPerfect';
}
