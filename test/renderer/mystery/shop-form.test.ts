import { describe, expect, it } from 'vitest';
import type { MysteryShopDetail } from '../../../shared/api/methods/mystery';
import type { ScoreBreakdown } from '../../../shared/rubric/scoring';
import {
  emptyShopForm,
  fieldsOfForm,
  formFromShop,
  shopProblems,
  submitProblems,
  type ShopForm,
} from '../../../renderer/src/features/mystery/entry/shop-form';

/** A form with what a draft needs: a shop id, day and time, a written scenario and a checklist. */
const ready = (patch: Partial<ShopForm> = {}): ShopForm => ({
  ...emptyShopForm(7),
  shopId: ' W1-001 ',
  day: '2025-03-14',
  time: '10:30',
  scenarioText: 'Asks about cancelling early',
  ...patch,
});

describe('the mystery shop entry form', () => {
  it('names every field a draft still needs, and nothing once they are there', () => {
    expect(shopProblems(emptyShopForm(null)).map((p) => `${p.field}:${p.problem}`)).toEqual([
      'shopId:missing',
      'occurredAt:missing',
      'scenario:missing',
      'checklist:missing',
    ]);
    expect(shopProblems(ready())).toEqual([]);
    expect(shopProblems(ready({ time: '' }))).toEqual([{ field: 'occurredAt', problem: 'incomplete' }]);
    expect(shopProblems(ready({ day: null }))).toEqual([{ field: 'occurredAt', problem: 'incomplete' }]);
    // A library scenario needs no text.
    expect(shopProblems(ready({ scenarioText: '', scenarioId: 3 }))).toEqual([]);
  });

  it('turns the form into the stored fields: trimmed, local time without a zone, empty rows left out', () => {
    const fields = fieldsOfForm(
      ready({
        answeredBy: '  ',
        files: ' /shots/a.png \n\n C:\\report.pdf ',
        extra: [
          { key: ' Region ', value: ' North ' },
          { key: '', value: '' },
        ],
        answers: new Map([
          ['greeting', { itemId: 'greeting', value: { kind: 'yes' }, momentIds: [] }],
          ['closing', { itemId: 'closing', value: null, comment: '' }],
        ]),
        recording: { recordingId: 12, interactionId: 4, title: 'Call' },
      }),
    );
    expect(fields).toMatchObject({
      shopId: 'W1-001',
      occurredAt: '2025-03-14T10:30',
      answeredBy: null,
      scenarioId: null,
      scenarioText: 'Asks about cancelling early',
      rubricId: 7,
      recordingId: 12,
      files: ['/shots/a.png', 'C:\\report.pdf'],
      extra: { Region: 'North' },
      // A cleared answer without a comment is no answer; a shop pins no moments.
      answers: [{ itemId: 'greeting', value: { kind: 'yes' } }],
    });
    expect(fieldsOfForm(ready({ shopId: '' }))).toBeNull();
  });

  it('refuses further details without a name or with a name twice, naming them', () => {
    const problems = shopProblems(
      ready({
        extra: [
          { key: 'Region', value: 'North' },
          { key: 'region', value: 'South' },
          { key: '', value: 'orphan' },
        ],
      }),
    );
    expect(problems).toEqual([
      { field: 'extra', problem: 'keyTwice', key: 'region' },
      { field: 'extra', problem: 'keyMissing', key: 'orphan' },
    ]);
  });

  it("adds the checklist's unanswered items and missing comments to what stops a submit", () => {
    const breakdown = {
      unansweredItemIds: ['closing'],
      missingCommentItemIds: ['provocative-question'],
    } as unknown as ScoreBreakdown;
    expect(submitProblems(ready(), breakdown)).toEqual([
      { field: 'answers', problem: 'unanswered', itemIds: ['closing'] },
      { field: 'answers', problem: 'comments', itemIds: ['provocative-question'] },
    ]);
  });

  it('opens a saved shop as it was stored, and stores it back unchanged', () => {
    const shop = {
      id: 1,
      shopId: 'W1-002',
      wave: 'Wave 1/2025',
      occurredAt: '2025-03-14T09:05',
      channel: 'visit',
      team: 'Berlin',
      agentId: 3,
      answeredBy: 'a woman',
      scenarioId: 2,
      scenarioText: '',
      rubricId: 7,
      answers: [{ itemId: 'greeting', value: { kind: 'no' }, comment: 'No name' }],
      evidence: { recordingId: 9 },
      evidenceInteraction: { id: 5, title: 'Shop call' },
      notes: 'Friendly',
      files: ['/a.png'],
      extra: { Region: 'North' },
    } as unknown as MysteryShopDetail;
    const form = formFromShop(shop);
    expect(form.recording).toEqual({ recordingId: 9, interactionId: 5, title: 'Shop call' });
    expect(fieldsOfForm(form)).toEqual({
      shopId: 'W1-002',
      wave: 'Wave 1/2025',
      occurredAt: '2025-03-14T09:05',
      channel: 'visit',
      team: 'Berlin',
      agentId: 3,
      answeredBy: 'a woman',
      scenarioId: 2,
      scenarioText: '',
      rubricId: 7,
      answers: [{ itemId: 'greeting', value: { kind: 'no' }, comment: 'No name' }],
      recordingId: 9,
      notes: 'Friendly',
      files: ['/a.png'],
      extra: { Region: 'North' },
    });
  });
});
