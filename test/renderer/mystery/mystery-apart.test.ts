import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AgentMysteryShops } from '../../../shared/api/methods/mystery-figures';
import { EarmarkError } from '../../../shared/errors';
import { mysterySection } from '../../../renderer/src/features/agents/mystery-section';
import { mysteryShopLine, toggledShops } from '../../../renderer/src/features/coaching/mystery-shop-line';
import de from '../../../renderer/src/i18n/locales/de/mystery.json';
import en from '../../../renderer/src/i18n/locales/en/mystery.json';

const noShops: AgentMysteryShops = {
  agentId: 1,
  figures: { count: 0, averagePercent: null, pass: 0, belowTarget: 0, criticalFail: 0 },
  shops: [],
};

describe('the agent page’s mystery section', () => {
  it('says why, without an alarm, when the role may not see shops or the profile is locked', () => {
    for (const code of ['not_allowed', 'locked'] as const) {
      const error = new EarmarkError(code, 'A mystery shopper (role …) may not …');
      expect(mysterySection({ isPending: false, error, data: undefined })).toEqual({ kind: 'refused' });
    }
  });

  it('shows any other error with its message, and waits while loading', () => {
    const error = new EarmarkError(
      'internal',
      'Earmark could not complete mystery.agentShops (reference X).',
    );
    expect(mysterySection({ isPending: false, error, data: undefined })).toEqual({
      kind: 'error',
      message: error.message,
    });
    expect(mysterySection({ isPending: true, error: null, data: undefined })).toEqual({ kind: 'loading' });
  });

  it('says there are none for an agent without counted shops, and shows them otherwise', () => {
    expect(mysterySection({ isPending: false, error: null, data: noShops })).toEqual({ kind: 'empty' });
    const one = { ...noShops, figures: { ...noShops.figures, count: 1, averagePercent: 90, pass: 1 } };
    expect(mysterySection({ isPending: false, error: null, data: one })).toEqual({
      kind: 'shops',
      data: one,
    });
  });
});

describe('a shop in a coaching session', () => {
  it('is described by when, the agency’s shop id and its status, in the reader’s language', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'de', resources: { de: { translation: de }, en: { translation: en } } });
    const shop = { occurredAt: '2025-03-14T10:30', shopId: 'W1-007', status: 'queried' as const };
    // The agency's wall-clock time stays as reported (no time zone to convert from).
    expect(mysteryShopLine(shop, 'de', i18n.t)).toBe('14.03.2025, 10:30 · W1-007 · Hinterfragt');
    await i18n.changeLanguage('en');
    expect(mysteryShopLine(shop, 'en', i18n.t)).toBe('Mar 14, 2025, 10:30 AM · W1-007 · Queried');
  });

  it('keeps the coach’s order when shops are ticked and unticked', () => {
    expect(toggledShops([3, 1], 2, true)).toEqual([3, 1, 2]);
    expect(toggledShops([3, 1, 2], 1, false)).toEqual([3, 2]);
    expect(toggledShops([3], 3, true)).toEqual([3]);
  });
});
