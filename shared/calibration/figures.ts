import type {
  AlphaFigure,
  CalibrationCell,
  CalibrationFigures,
  CriterionAgreement,
  KappaFigure,
  LeanReference,
  ParticipantDeviation,
  ReferenceKind,
} from '../api/methods/calibration';
import type { AnswerValue } from '../rubric/answers';
import { answerPoints, maxPoints } from '../rubric/items';
import type { Rubric, RubricItem } from '../rubric/schema';
import { scoreEvaluation } from '../rubric/scoring';
import {
  bootstrapInterval,
  describeAgreement,
  fleissKappa,
  krippendorffAlpha,
  type MeasurementLevel,
} from '../stats/agreement';

/**
 * The figures of a revealed calibration session, from the counted participants' answers: per criterion
 * and interaction everyone's answer and the spread; per criterion and overall Krippendorff's alpha (at
 * the criterion's level), Fleiss' kappa for categorical criteria and a bootstrap interval; per
 * participant the lean from the reference (the agreed answer where the group set one, else the
 * expert's, else the consensus: the median points given; for the expert, the others' median: see
 * deviations).
 */
export interface CalibrationInput {
  rubric: Rubric;
  interactionIds: readonly number[];
  /** The counted participants, in the session's order. */
  participantIds: readonly number[];
  /** A participant's answer to an item of an interaction; null or undefined when not answered. */
  answer: (participantId: number, interactionId: number, itemId: string) => AnswerValue | null | undefined;
  expertId: number | null;
  agreed: (interactionId: number, itemId: string) => AnswerValue | null | undefined;
  /** Seeds the bootstrap, so a result page shows the same interval every time. */
  seed: number;
  /** Leave the bootstrap intervals out (a session's "over time" line needs only the leans). */
  withoutIntervals?: boolean;
}

/** Resamples for an interval: enough for two decimals, cheap for a session's few dozen units. */
const DRAWS = 1000;

export function calibrationFigures(input: CalibrationInput): CalibrationFigures {
  const items = input.rubric.sections.flatMap((section) =>
    section.items.map((item) => ({ item, sectionTitle: section.title })),
  );
  const criteria = items.map(({ item, sectionTitle }) => criterion(input, item, sectionTitle));
  // Overall: every criterion × interaction is a unit; codes are kept apart per criterion.
  const allUnits = (participantId: number) =>
    items.flatMap(({ item }, index) =>
      input.interactionIds.map((interactionId) => {
        const code = codeOf(item, input.answer(participantId, interactionId, item.id) ?? null, 'nominal');
        return code === null ? null : index * 64 + code;
      }),
    );
  const overallData = input.participantIds.map(allUnits);
  const scores = input.interactionIds.map((interactionId) => ({
    interactionId,
    byParticipant: input.participantIds.map((participantId) => ({
      participantId,
      percent: scoreOf(input, participantId, interactionId),
    })),
  }));
  const scoreData = input.participantIds.map((participantId) =>
    scores.map((row) => row.byParticipant.find((p) => p.participantId === participantId)!.percent),
  );
  const cells = criteria.flatMap((c) => c.cells);
  return {
    alpha: alphaFigure(overallData, 'nominal', input),
    kappa: kappaFigure(overallData),
    scoreAlpha: alphaFigure(scoreData, 'interval', input),
    pairAgreement: meanOf(cells.map((cell) => cell.pairAgreement)),
    scores,
    criteria,
    deviations: deviations(input, items, criteria),
  };
}

function criterion(input: CalibrationInput, item: RubricItem, sectionTitle: string): CriterionAgreement {
  const level: MeasurementLevel = item.type === 'scale' ? 'ordinal' : 'nominal';
  const data = input.participantIds.map((participantId) =>
    input.interactionIds.map((interactionId) =>
      codeOf(item, input.answer(participantId, interactionId, item.id) ?? null, level),
    ),
  );
  const cells = input.interactionIds.map((interactionId) => cell(input, item, interactionId));
  return {
    itemId: item.id,
    title: item.title,
    sectionTitle,
    type: item.type,
    level,
    alpha: alphaFigure(data, level, input),
    kappa: item.type === 'scale' ? null : kappaFigure(data),
    pairAgreement: meanOf(cells.map((c) => c.pairAgreement)),
    cells,
  };
}

function cell(input: CalibrationInput, item: RubricItem, interactionId: number): CalibrationCell {
  const answers = input.participantIds.map((participantId) => ({
    participantId,
    value: input.answer(participantId, interactionId, item.id) ?? null,
  }));
  const given = answers.map((a) => a.value).filter((v): v is AnswerValue => v !== null);
  const keys = given.map(answerKey);
  const points = given.filter((v) => v.kind !== 'na').map((v) => answerPoints(item, v));
  let pairs = 0;
  let same = 0;
  for (let a = 0; a < keys.length; a++)
    for (let b = a + 1; b < keys.length; b++) {
      pairs++;
      if (keys[a] === keys[b]) same++;
    }
  const expert =
    input.expertId === null ? null : (input.answer(input.expertId, interactionId, item.id) ?? null);
  const agreed = input.agreed(interactionId, item.id) ?? null;
  return {
    interactionId,
    answers,
    distinct: new Set(keys).size,
    range: points.length >= 2 ? Math.max(...points) - Math.min(...points) : null,
    pairAgreement: pairs === 0 ? null : same / pairs,
    expert,
    agreed,
    reference: reference(item, agreed, expert, points),
  };
}

function reference(
  item: RubricItem,
  agreed: AnswerValue | null,
  expert: AnswerValue | null,
  points: number[],
): { kind: ReferenceKind; points: number } | null {
  // An agreed or expert n.a. says the criterion does not apply: nothing to lean from.
  if (agreed) return agreed.kind === 'na' ? null : { kind: 'agreed', points: answerPoints(item, agreed) };
  if (expert) return expert.kind === 'na' ? null : { kind: 'expert', points: answerPoints(item, expert) };
  return points.length === 0 ? null : { kind: 'consensus', points: median(points) };
}

/**
 * Each participant's lean, answer by answer, from the reference that does not hold their own answer:
 * the agreed answer where the group set one; else the expert's (or, without an expert, the consensus);
 * and for the expert, where nothing was agreed, the other participants' middle answer (median points).
 * The expert's own answer cannot judge the expert, and judging them only where something was agreed
 * would rest their lean on a few cells and change its meaning with every agreed answer; against the
 * others they are measured on every cell, as everyone else is.
 *
 * Strictest and most lenient compare leans taken from the same reference: a reviewer measured against
 * the expert is not ranked against the expert measured against them (the two would mirror each other),
 * so the expert is ranked only when every answer of theirs was compared with an agreed one.
 */
function deviations(
  input: CalibrationInput,
  items: readonly { item: RubricItem }[],
  criteria: readonly CriterionAgreement[],
): ParticipantDeviation[] {
  const rows = input.participantIds.map((participantId) => {
    const leans: number[] = [];
    const against = { agreed: 0, expert: 0, consensus: 0, others: 0 };
    let matches = 0;
    criteria.forEach((criterion, index) => {
      const { item } = items[index]!;
      const best = maxPoints(item);
      for (const c of criterion.cells) {
        const value = c.answers.find((a) => a.participantId === participantId)?.value ?? null;
        if (!value || value.kind === 'na' || best === 0) continue;
        const reference = referenceFor(item, c, participantId, input.expertId);
        if (!reference) continue;
        const lean = (answerPoints(item, value) - reference.points) / best;
        leans.push(lean);
        against[reference.kind]++;
        if (lean === 0) matches++;
      }
    });
    return {
      participantId,
      compared: leans.length,
      against,
      meanDeviation: meanOf(leans),
      meanAbsoluteDeviation: meanOf(leans.map(Math.abs)),
      matches: leans.length === 0 ? null : matches / leans.length,
      lean: null as ParticipantDeviation['lean'],
    };
  });
  const ranked = rows.filter((row) => row.meanDeviation !== null && row.against.others === 0);
  if (ranked.length >= 2) {
    const byLean = [...ranked].sort((a, b) => a.meanDeviation! - b.meanDeviation!);
    const strictest = byLean[0]!;
    const lenient = byLean[byLean.length - 1]!;
    if (strictest.meanDeviation! < lenient.meanDeviation!) {
      strictest.lean = 'strictest';
      lenient.lean = 'mostLenient';
    }
  }
  return rows;
}

/** The reference one participant's answer in a cell is measured from (see deviations). */
function referenceFor(
  item: RubricItem,
  cell: CalibrationCell,
  participantId: number,
  expertId: number | null,
): { kind: LeanReference; points: number } | null {
  const ownAnswerIsIt = cell.reference?.kind === 'expert' && participantId === expertId;
  if (!ownAnswerIsIt) return cell.reference;
  // Where the expert said n.a. the criterion does not apply (the others are not compared there either).
  const others = cell.answers
    .filter((a) => a.participantId !== participantId && a.value !== null && a.value.kind !== 'na')
    .map((a) => answerPoints(item, a.value!));
  return others.length === 0 ? null : { kind: 'others', points: median(others) };
}

/**
 * An answer as a number for alpha: on a nominal criterion every answer (n.a. too) is a category of its
 * own; on an ordinal scale the value, and n.a. is missing (it is not a point on the scale).
 */
function codeOf(item: RubricItem, value: AnswerValue | null, level: MeasurementLevel): number | null {
  if (value === null) return null;
  if (level === 'ordinal') return value.kind === 'scale' ? value.value : null;
  switch (value.kind) {
    case 'yes':
      return 1;
    case 'no':
      return 0;
    case 'scale':
      return value.value;
    case 'choice':
      return item.type === 'choice' ? item.options.findIndex((o) => o.id === value.optionId) : null;
    case 'na':
      return 63;
  }
}

function alphaFigure(
  data: (number | null)[][],
  level: MeasurementLevel,
  { seed, withoutIntervals }: CalibrationInput,
): AlphaFigure | null {
  if (data.length < 2) return null;
  const pairable = data[0]!.filter((_, unit) => data.filter((row) => row[unit] !== null).length >= 2).length;
  if (pairable === 0) return null;
  // One unit cannot be resampled into anything but itself: no interval then.
  if (pairable < 2 || withoutIntervals) {
    const value = krippendorffAlpha(data, level);
    return { value, band: describeAgreement(value), interval: null };
  }
  const interval = bootstrapInterval(data, level, { draws: DRAWS, seed });
  return {
    value: interval.alpha,
    band: describeAgreement(interval.alpha),
    interval: { lower: interval.lower, upper: interval.upper, confidence: interval.confidence },
  };
}

/** Fleiss' kappa over the units every rater answered (it needs the same raters for each). */
function kappaFigure(data: (number | null)[][]): KappaFigure | null {
  if (data.length < 2) return null;
  const complete = data[0]!
    .map((_, unit) => data.map((row) => row[unit]))
    .filter((answers): answers is number[] => answers.every((v) => v !== null && v !== undefined));
  if (complete.length === 0) return null;
  const categories = [...new Set(complete.flat())].sort((a, b) => a - b);
  const counts = complete.map((answers) => categories.map((c) => answers.filter((v) => v === c).length));
  const value = fleissKappa(counts);
  return { value, band: describeAgreement(value, 'kappa') };
}

function scoreOf(input: CalibrationInput, participantId: number, interactionId: number): number | null {
  const answers = input.rubric.sections.flatMap((section) =>
    section.items.map((item) => ({
      itemId: item.id,
      value: input.answer(participantId, interactionId, item.id) ?? null,
    })),
  );
  const breakdown = scoreEvaluation(input.rubric, answers);
  return breakdown.unansweredItemIds.length > 0 ? null : breakdown.overall.percent;
}

const answerKey = (value: AnswerValue) =>
  value.kind === 'scale'
    ? `scale:${value.value}`
    : value.kind === 'choice'
      ? `choice:${value.optionId}`
      : value.kind;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}
