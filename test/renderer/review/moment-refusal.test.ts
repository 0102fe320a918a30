import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { momentRefusalText } from '../../../renderer/src/features/review/moments/moment-refusal';
import { resources } from '../../../renderer/src/i18n';

const english = 'interactionId: you are scoring interaction 4 blind in the calibration session "November".';

describe("the moments panel's words for a refused pin", () => {
  it('says "scoring blind" in English, German and Finnish, whatever the server wrote', async () => {
    const texts = new Set<string>();
    for (const language of ['en', 'de', 'fi']) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources, lng: language, interpolation: { escapeValue: false } });
      const text = momentRefusalText(
        i18n.t,
        new EarmarkError('not_allowed', english, { reason: 'scoring_blind' }),
      );
      expect(text, language).not.toContain('review.moments');
      expect(text).not.toBe(english);
      texts.add(text);
    }
    expect(texts.size).toBe(3);
  });

  it("keeps the server's words for a refusal it does not name", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'de', interpolation: { escapeValue: false } });
    const other = new EarmarkError('not_allowed', 'Moment 3 was pinned by Maria Lind.');
    expect(momentRefusalText(i18n.t, other)).toBe('Moment 3 was pinned by Maria Lind.');
  });
});
