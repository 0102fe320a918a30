import type { Backend } from '../../../electron/backend/backend';
import type { MysteryShopDetail, MysteryShopFields } from '../../../shared/api/methods/mystery';
import type { RubricSummary } from '../../../shared/api/methods/rubrics';
import type { AnswerValue } from '../../../shared/rubric/answers';
import { call } from '../../support/backend';

export async function mysteryChecklistId(backend: Backend, language = 'en'): Promise<number> {
  const rubrics = await call<RubricSummary[]>(backend, 'rubric.list');
  return rubrics.find((r) => r.builtin === 'mystery-call' && r.language === language)!.id;
}

const yn = (yes: boolean): AnswerValue => ({ kind: yes ? 'yes' : 'no' });

/**
 * Answers to the built-in mystery-call checklist. Points: five yes/no items worth 1, product
 * knowledge 0-2, the provocative question 2 (calm, honest) / 1 (evasive) / 0 (fail, comment needed);
 * "options offered" may be n.a. Everything best: 10 of 10.
 */
export function checklistAnswers(
  o: { knowledge?: 0 | 1 | 2; provocative?: string; options?: boolean | 'na'; greeting?: boolean } = {},
) {
  return [
    { itemId: 'answered-quickly', value: yn(true) },
    { itemId: 'greeting', value: yn(o.greeting ?? true) },
    { itemId: 'need-asked', value: yn(true) },
    { itemId: 'product-knowledge', value: { kind: 'scale' as const, value: o.knowledge ?? 2 } },
    {
      itemId: 'provocative-question',
      value: { kind: 'choice' as const, optionId: o.provocative ?? 'calm-honest' },
      ...(o.provocative === 'irritated-or-dishonest' ? { comment: 'Said the fee did not exist.' } : {}),
    },
    {
      itemId: 'options-offered',
      value: o.options === 'na' ? ({ kind: 'na' } as const) : yn(o.options ?? true),
    },
    { itemId: 'next-step', value: yn(true) },
    { itemId: 'closing', value: yn(true) },
  ];
}

export function shopFields(rubricId: number, extra: Partial<MysteryShopFields> = {}): MysteryShopFields {
  return {
    shopId: 'W1-001',
    wave: 'Wave 1/2025',
    occurredAt: '2025-03-14T10:30',
    channel: 'call',
    team: 'Berlin hotline',
    answeredBy: 'a woman, did not give her name',
    scenarioText: 'Asks about cancelling a contract early',
    rubricId,
    answers: checklistAnswers(),
    ...extra,
  };
}

/** Saves a draft and submits it. */
export async function submitShop(backend: Backend, fields: MysteryShopFields): Promise<MysteryShopDetail> {
  const draft = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', { fields });
  return call<MysteryShopDetail>(backend, 'mystery.submit', { id: draft.id });
}

/** The id of an interaction's recording (either engine). */
export async function recordingOf(backend: Backend, interactionId: number): Promise<number> {
  const { id } = await backend.database.query
    .selectFrom('recordings')
    .select('id')
    .where('interaction_id', '=', interactionId)
    .executeTakeFirstOrThrow();
  return id;
}
