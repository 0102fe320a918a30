import { describe, expect, it } from 'vitest';
import { calibrationFigures, type CalibrationInput } from '../../../shared/calibration/figures';
import type { AnswerValue } from '../../../shared/rubric/answers';
import { parseRubric } from '../../../shared/rubric/json';
import { krippendorffAlpha } from '../../../shared/stats/agreement';

/** A yes / no / n.a. item and a 0-2 scale, scored by three reviewers on three interactions. */
const rubric = parseRubric({
  id: 'cal',
  name: 'Calibration',
  kind: 'evaluation',
  language: 'en',
  passMark: 80,
  sections: [
    {
      id: 's',
      title: 'Service',
      weight: 1,
      items: [
        { id: 'apology', type: 'yesNo', title: 'Apologises', naAllowed: true },
        { id: 'empathy', type: 'scale', max: 2, title: 'Empathy', naAllowed: true },
      ],
    },
  ],
});

const yes: AnswerValue = { kind: 'yes' };
const no: AnswerValue = { kind: 'no' };
const na: AnswerValue = { kind: 'na' };
const scale = (value: number): AnswerValue => ({ kind: 'scale', value });

/** answers[participant][interaction] = [apology, empathy] */
function input(answers: Record<number, [AnswerValue, AnswerValue][]>, extra: Partial<CalibrationInput> = {}) {
  return {
    rubric,
    interactionIds: [10, 11, 12],
    participantIds: Object.keys(answers).map(Number),
    answer: (p: number, i: number, itemId: string) => answers[p]![i - 10]![itemId === 'apology' ? 0 : 1],
    expertId: null,
    agreed: () => undefined,
    seed: 7,
    ...extra,
  } satisfies CalibrationInput;
}

const three = {
  1: [
    [yes, scale(2)],
    [no, scale(1)],
    [na, scale(2)],
  ],
  2: [
    [yes, scale(1)],
    [no, scale(0)],
    [yes, na],
  ],
  3: [
    [yes, scale(2)],
    [yes, scale(2)],
    [na, scale(2)],
  ],
} satisfies Record<number, [AnswerValue, AnswerValue][]>;

describe('calibration figures', () => {
  it("gives each criterion alpha at its scale's level: n.a. is a category on yes/no, missing on a scale", () => {
    const figures = calibrationFigures(input(three));
    const [apology, empathy] = figures.criteria;
    expect(apology!.level).toBe('nominal');
    expect(apology!.alpha!.value).toBeCloseTo(
      krippendorffAlpha(
        [
          [1, 0, 63],
          [1, 0, 1],
          [1, 1, 63],
        ],
        'nominal',
      ),
    );
    expect(empathy!.level).toBe('ordinal');
    expect(empathy!.alpha!.value).toBeCloseTo(
      krippendorffAlpha(
        [
          [2, 1, 2],
          [1, 0, null],
          [2, 2, 2],
        ],
        'ordinal',
      ),
    );
    expect(empathy!.kappa).toBeNull();
    expect(apology!.kappa).not.toBeNull();
    expect(empathy!.alpha!.interval!.lower).toBeLessThanOrEqual(empathy!.alpha!.interval!.upper);
  });

  it('measures the lean from the consensus (median points), names the strictest and the most lenient', () => {
    const figures = calibrationFigures(input(three));
    const lean = (id: number) => figures.deviations.find((d) => d.participantId === id)!;
    expect(lean(2).lean).toBe('strictest');
    expect(lean(3).lean).toBe('mostLenient');
    expect(lean(2).meanDeviation!).toBeLessThan(0);
    expect(lean(3).meanDeviation!).toBeGreaterThan(0);
    const cell = figures.criteria[1]!.cells[1]!;
    expect(cell).toMatchObject({
      distinct: 3,
      range: 2,
      pairAgreement: 0,
      reference: { kind: 'consensus', points: 1 },
    });
  });

  it('prefers the agreed answer, then the expert; the expert is measured from the others, never from themselves', () => {
    const withExpert = calibrationFigures(input(three, { expertId: 1 }));
    expect(withExpert.criteria[1]!.cells[0]!.reference).toEqual({ kind: 'expert', points: 2 });
    const expert = (figures: typeof withExpert) => figures.deviations.find((d) => d.participantId === 1)!;
    // Maria, the expert, answered 5 cells (one n.a.); nothing agreed: each against the others' middle.
    // Apology: yes vs [yes, yes] 0, no vs [no, yes] −½, n.a. left out; empathy: 2 vs [1, 2] +¼,
    // 1 vs [0, 2] 0, 2 vs [2] (the other said n.a.) 0.
    expect(expert(withExpert)).toMatchObject({
      compared: 5,
      against: { agreed: 0, expert: 0, consensus: 0, others: 5 },
      lean: null,
    });
    expect(expert(withExpert).meanDeviation).toBeCloseTo((0 - 0.5 + 0.25 + 0 + 0) / 5);
    // The others are measured from her answers where she gave one that applies (not her n.a.).
    expect(withExpert.deviations.find((d) => d.participantId === 3)!.against).toEqual({
      agreed: 0,
      expert: 5,
      consensus: 0,
      others: 0,
    });

    // One cell agreed: there, everyone (the expert too) is measured from it; elsewhere as before.
    const agreed = calibrationFigures(
      input(three, {
        expertId: 1,
        agreed: (i, item) => (i === 10 && item === 'empathy' ? scale(1) : undefined),
      }),
    );
    expect(agreed.criteria[1]!.cells[0]!.reference).toEqual({ kind: 'agreed', points: 1 });
    expect(expert(agreed)).toMatchObject({ compared: 5, against: { agreed: 1, others: 4 } });
    // Against the agreed 1 her 2 leans +½ (not the +¼ from the others' middle).
    expect(expert(agreed).meanDeviation).toBeCloseTo((0 - 0.5 + 0.5 + 0 + 0) / 5);
    expect(agreed.deviations.find((d) => d.participantId === 2)!.against).toMatchObject({
      agreed: 1,
      expert: 3,
    });
  });

  it('ranks the expert strictest or most lenient only when every answer was compared with an agreed one', () => {
    // Expert 2 everywhere; one reviewer says the same, one 1: the expert leans above the others' middle,
    // but is no more lenient than the reviewer who gave what she gave.
    const same = [
      [yes, scale(2)],
      [yes, scale(2)],
      [yes, scale(2)],
    ] satisfies [AnswerValue, AnswerValue][];
    const lower = same.map(([apology]) => [apology, scale(1)]) as [AnswerValue, AnswerValue][];
    const figures = calibrationFigures(input({ 1: same, 2: same, 3: lower }, { expertId: 1 }));
    const row = (id: number) => figures.deviations.find((d) => d.participantId === id)!;
    expect(row(1).meanDeviation).toBeGreaterThan(0);
    expect(row(1).lean).toBeNull();
    expect(row(2)).toMatchObject({ meanDeviation: 0, lean: 'mostLenient' });
    expect(row(3).lean).toBe('strictest');
    // Everything agreed (at 1): all three measured from the same answers, the expert ranked with them.
    const allAgreed = calibrationFigures(
      input(
        { 1: same, 2: same, 3: lower },
        { expertId: 1, agreed: (_i, item) => (item === 'empathy' ? scale(1) : yes) },
      ),
    );
    const all = (id: number) => allAgreed.deviations.find((d) => d.participantId === id)!;
    expect(all(1).against).toEqual({ agreed: 6, expert: 0, consensus: 0, others: 0 });
    expect(all(3).lean).toBe('strictest');
    expect([all(1).lean, all(2).lean]).toContain('mostLenient');
  });

  it('leaves the intervals out for the over-time line, with the same figures', () => {
    const full = calibrationFigures(input(three));
    const quick = calibrationFigures(input(three, { withoutIntervals: true }));
    expect(quick.criteria[1]!.alpha).toEqual({ ...full.criteria[1]!.alpha, interval: null });
    expect(quick.deviations).toEqual(full.deviations);
  });

  it('gives 1 where everyone agrees and nothing to compare with fewer than two reviewers', () => {
    const same = calibrationFigures(input({ 1: three[1], 2: three[1] }));
    expect(same.criteria.every((c) => c.alpha?.value === 1)).toBe(true);
    expect(same.deviations.every((d) => d.lean === null)).toBe(true);
    const alone = calibrationFigures(input({ 1: three[1] }));
    expect(alone.alpha).toBeNull();
    expect(alone.criteria[0]!.kappa).toBeNull();
  });
});
