import { describe, expect, it } from 'vitest';
import { EvaluationAnswers, MysteryShopDetails, answerProblems, defaultRubric } from '../../../shared/rubric';
import { formatIssues } from '../../../shared/rubric/issues';

describe('EvaluationAnswers', () => {
  it('accepts every answer kind, unanswered entries, comments and moments', () => {
    const parsed = EvaluationAnswers.safeParse([
      { itemId: 'greeting', value: { kind: 'yes' } },
      { itemId: 'closing', value: { kind: 'no' }, comment: 'No thanks at the end', momentIds: [12] },
      { itemId: 'listening', value: { kind: 'scale', value: 2 } },
      { itemId: 'product-knowledge', value: { kind: 'choice', optionId: 'correct' } },
      { itemId: 'apology', value: { kind: 'na' } },
      { itemId: 'empathy', value: null, comment: 'Come back to this' },
    ]);
    expect(parsed.success).toBe(true);
  });

  it('refuses an item answered twice and unknown answer kinds, naming the place', () => {
    const twice = EvaluationAnswers.safeParse([
      { itemId: 'greeting', value: { kind: 'yes' } },
      { itemId: 'greeting', value: { kind: 'no' } },
    ]);
    expect(twice.success || formatIssues(twice.error.issues)).toBe(
      "[1].itemId: item 'greeting' is answered twice: [0] and [1]",
    );
    const stars = EvaluationAnswers.safeParse([{ itemId: 'greeting', value: { kind: 'stars' } }]);
    expect(stars.success || formatIssues(stars.error.issues)).toContain(
      "[0].value.kind: unknown answer kind 'stars'",
    );
  });
});

describe('answerProblems', () => {
  const rubric = defaultRubric('en');

  it('finds nothing wrong with fitting answers', () => {
    expect(
      answerProblems(rubric, [
        { itemId: 'greeting', value: { kind: 'yes' } },
        { itemId: 'listening', value: { kind: 'scale', value: 0 } },
        { itemId: 'objections', value: { kind: 'na' } },
        { itemId: 'product-knowledge', value: { kind: 'choice', optionId: 'wrong' } },
        { itemId: 'empathy', value: null },
      ]),
    ).toEqual([]);
  });

  it('names each answer that does not fit its item', () => {
    expect(
      answerProblems(rubric, [
        { itemId: 'listening', value: { kind: 'scale', value: 3 } },
        { itemId: 'product-knowledge', value: { kind: 'choice', optionId: 'maybe' } },
        { itemId: 'greeting', value: { kind: 'na' } },
        { itemId: 'empathy', value: { kind: 'yes' } },
        { itemId: 'ghost', value: { kind: 'yes' } },
      ]),
    ).toEqual([
      "answers[0] ('listening'): scale value 3 is above the item's maximum 2",
      "answers[1] ('product-knowledge'): no option 'maybe' (expected correct, minor-gaps, wrong, wrong-with-consequences)",
      "answers[2] ('greeting'): n.a. is not allowed for this item",
      "answers[3] ('empathy'): a scale item takes a scale value (got yes)",
      "answers[4] ('ghost'): rubric 'builtin.courtesy-competence.en' has no such item",
    ]);
  });
});

describe('MysteryShopDetails', () => {
  const details = {
    scenario: 'Asks about switching tariffs; provocative question: "Why are you dearer than X?"',
    occurredAt: '2025-03-14T10:30',
    channel: 'call',
    answeredBy: 'Woman, did not give her name',
    evidence: { recordingId: 42, notes: 'Answered on the 4th ring' },
  };

  it('takes the scenario, date and time, channel, who answered and the evidence', () => {
    expect(MysteryShopDetails.parse(details)).toEqual(details);
    expect(
      MysteryShopDetails.parse({ ...details, answeredBy: null, evidence: { recordingId: null } }).evidence,
    ).toEqual({
      recordingId: null,
      notes: '',
    });
  });

  it('refuses impossible dates and unknown channels', () => {
    expect(MysteryShopDetails.safeParse({ ...details, occurredAt: '2025-02-30T10:30' }).success).toBe(false);
    expect(MysteryShopDetails.safeParse({ ...details, occurredAt: '2025-03-14 10:30' }).success).toBe(false);
    expect(MysteryShopDetails.safeParse({ ...details, occurredAt: '2024-02-29T23:59' }).success).toBe(true);
    expect(MysteryShopDetails.safeParse({ ...details, channel: 'fax' }).success).toBe(false);
    expect(MysteryShopDetails.safeParse({ ...details, scenario: ' ' }).success).toBe(false);
  });
});
