import type { Backend } from '../../../electron/backend/backend';
import type { MysteryScenario, MysteryShopDetail } from '../../../shared/api/methods/mystery';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { call, callAs } from '../../support/backend';
import { checklistAnswers, shopFields, submitShop } from './fixture';

export const W1 = 'Wave 1/2025';
export const W2 = 'Wave 2/2025';

/**
 * Six shops with known figures (the built-in checklist, pass mark 80 %):
 *
 * | shop  | wave | day        | channel | team          | scenario           | score | status    |
 * |-------|------|------------|---------|---------------|--------------------|-------|-----------|
 * | L-001 | W1   | 2025-03-03 | call    | Berlin hotline| Early cancellation | 100   | submitted |
 * | L-002 | W1   | 2025-03-20 | chat    | Berlin hotline| Price comparison   | 77.8  | submitted |
 * | L-003 | W2   | 2025-06-10 | call    | Hamburg shop  | Early cancellation | 80    | confirmed |
 * | L-004 | W2   | 2025-06-30 | visit   | Hamburg shop  | Price comparison   | 90    | queried   |
 * | L-005 | W2   | 2025-06-15 | call    | Berlin hotline| Roaming abroad     | 80    | draft     |
 * | L-006 | W2   | 2025-07-01 | email   | Berlin hotline| Roaming abroad     | none  | draft     |
 *
 * L-002 is evasive on the provocative question (knowledge 1, options n.a.), L-003 irritated, L-004
 * gave no greeting. The drafts would change every report figure if they counted.
 */
export async function seedShops(backend: Backend, checklist: number) {
  // Entered by a mystery shopper (current from here on), queried by a team lead: the roles that may.
  const lead = await call<ReviewerProfile>(backend, 'profile.create', {
    name: 'Lena Fischer',
    role: 'team_lead',
  });
  await call(backend, 'profile.create', { name: 'Sanna Koski', role: 'mystery_shopper' });
  const early = await call<MysteryScenario>(backend, 'scenario.save', {
    title: 'Early cancellation',
    provocativeQuestion: 'Why should I not just stop paying?',
  });
  const ids: Record<string, number> = {};
  const submit = async (fields: Parameters<typeof shopFields>[1]) => {
    const shop = await submitShop(backend, shopFields(checklist, fields));
    ids[shop.shopId] = shop.id;
    return shop;
  };
  await submit({
    shopId: 'L-001',
    occurredAt: '2025-03-03T09:15',
    answeredBy: 'Jonas',
    scenarioId: early.id,
  });
  await submit({
    shopId: 'L-002',
    occurredAt: '2025-03-20T14:00',
    channel: 'chat',
    scenarioText: 'Price comparison',
    notes: 'Hold music for 4 minutes, 100% of the time',
    answers: checklistAnswers({ knowledge: 1, provocative: 'evasive', options: 'na' }),
  });
  const l3 = await submit({
    shopId: 'L-003',
    wave: 'Wave 2/2025',
    occurredAt: '2025-06-10T11:00',
    team: 'Hamburg shop',
    answeredBy: 'Petra',
    scenarioId: early.id,
    answers: checklistAnswers({ provocative: 'irritated-or-dishonest' }),
  });
  await call(backend, 'mystery.confirm', { id: l3.id });
  const l4 = await submit({
    shopId: 'L-004',
    wave: 'Wave 2/2025',
    occurredAt: '2025-06-30T16:45',
    channel: 'visit',
    team: 'Hamburg shop',
    answeredBy: 'a man with glasses',
    scenarioText: 'Price comparison',
    answers: checklistAnswers({ greeting: false }),
  });
  await callAs(backend, lead.id, 'mystery.query', {
    id: l4.id,
    reason: 'This was the Altona branch, not ours',
  });
  for (const draft of [
    {
      shopId: 'L-005',
      occurredAt: '2025-06-15T10:00',
      answers: checklistAnswers({ provocative: 'irritated-or-dishonest' }),
    },
    { shopId: 'L-006', occurredAt: '2025-07-01T08:30', channel: 'email' as const, answers: [] },
  ]) {
    const shop = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { wave: 'Wave 2/2025', scenarioText: 'Roaming abroad', ...draft }),
    });
    ids[shop.shopId] = shop.id;
  }
  return { ids, scenarioId: early.id };
}
