import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language } from '../../../shared/api';

/**
 * Strings live in one file per feature and language (locales/<lang>/<feature>.json), so features can
 * grow their texts side by side; they are merged into one translation namespace per language.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

export const resources = Object.fromEntries(
  languages.map((language) => [
    language,
    {
      translation: Object.assign(
        {},
        ...Object.entries(files)
          .filter(([path]) => path.startsWith(`./locales/${language}/`))
          .map(([, strings]) => strings),
      ) as Record<string, unknown>,
    },
  ]),
);

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
export const languageNames: Record<Language, string> = { en: 'English', de: 'Deutsch', fi: 'Suomi' };

/** The saved choice, else the system's language if we ship it, else English. */
export function pickLanguage(
  saved: Language | null,
  preferred: readonly string[] = navigator.languages,
): Language {
  if (saved) return saved;
  for (const tag of preferred) {
    const base = tag.slice(0, 2).toLowerCase();
    if (base === 'de' || base === 'fi' || base === 'en') return base;
  }
  return 'en';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
