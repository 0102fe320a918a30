import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorReasons } from '../../../shared/errors';
import { uploadFile, UploadRefused } from '../../../renderer/src/features/import/upload-file';
import { isUploadReason, uploadRefusalText } from '../../../renderer/src/features/import/upload-refusal';
import { resources } from '../../../renderer/src/i18n';

const file = { name: 'Anruf 12.wav', size: 3 * 1024 * 1024 };
const english = 'The words of the server, in English.';

afterEach(() => vi.unstubAllGlobals());

describe("the import screen's words for a refused upload", () => {
  it('says every refusal the server names in German and Finnish, naming the file', async () => {
    const uploadReasons = errorReasons.filter(isUploadReason);
    expect(uploadReasons).toHaveLength(10);
    for (const language of ['en', 'de', 'fi']) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources, lng: language, interpolation: { escapeValue: false } });
      const seen = new Set<string>();
      for (const reason of uploadReasons) {
        const text = uploadRefusalText(i18n.t, language, { reason, message: english }, file, 1024 * 1024);
        expect(text, `${language} ${reason}`).not.toContain('import.team');
        expect(text).not.toBe(english);
        if (reason !== 'upload_too_big' && reason !== 'upload_not_allowed') expect(text).toContain(file.name);
        seen.add(text);
      }
      expect(seen.size, language).toBe(uploadReasons.length);
    }
    const de = i18next.createInstance();
    await de.init({ resources, lng: 'de', interpolation: { escapeValue: false } });
    expect(
      uploadRefusalText(de.t, 'de', { reason: 'upload_different', message: english }, file, 1024 * 1024),
    ).toBe(
      'Anruf 12.wav ist anders angekommen, als es gesendet wurde; nichts davon wurde behalten. Versuchen Sie es erneut.',
    );
    // A refusal the server did not name keeps its own words.
    expect(uploadRefusalText(de.t, 'de', { message: english }, file, 1024 * 1024)).toBe(english);
  });

  it("reads the server's reason from its reply and does not try a final refusal again", async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            ok: false,
            error: { code: 'invalid_params', message: english, reason: 'upload_hidden_name' },
          }),
          { status: 400 },
        ),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const refused = await uploadFile(new File([], '.hidden.wav'), () => {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UploadRefused);
    expect(refused).toMatchObject({ reason: 'upload_hidden_name', final: true, message: english });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
