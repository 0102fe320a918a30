import type { ReviewerRole } from '../../../shared/api/methods/profiles';

/** One entry of the navigation: where it lives and which addresses belong to it. */
export interface Section {
  id: string;
  to: string;
  label: string;
  active: (path: string) => boolean;
}

/** The navigation, in order. */
export const sections: readonly Section[] = [
  // An evaluation and its summary belong to the interaction they score, so to the library.
  {
    id: 'library',
    to: '/',
    label: 'nav.library',
    active: (p) => p === '/' || p.startsWith('/interaction') || p.startsWith('/evaluation/'),
  },
  { id: 'import', to: '/import', label: 'nav.import', active: (p) => p === '/import' },
  { id: 'rubrics', to: '/rubrics', label: 'rubrics.nav', active: (p) => p.startsWith('/rubrics') },
  { id: 'coaching', to: '/coaching', label: 'coaching.nav', active: (p) => p.startsWith('/coaching') },
  { id: 'agents', to: '/agents', label: 'agents.nav', active: (p) => p.startsWith('/agents') },
  { id: 'mystery', to: '/mystery', label: 'mystery.nav', active: (p) => p.startsWith('/mystery') },
  { id: 'reels', to: '/reels', label: 'reels.nav', active: (p) => p.startsWith('/reels') },
  { id: 'settings', to: '/settings', label: 'nav.settings', active: (p) => p === '/settings' },
];

/**
 * A mystery shopper enters results and imports the agency's files: the QA sections are not their work,
 * so by default they see only those. Everyone else (and nobody chosen yet) sees every section.
 */
const MYSTERY_SHOPPER_SECTIONS = ['mystery', 'import', 'settings'];

export function sectionsFor(role: ReviewerRole | null | undefined): readonly Section[] {
  if (role !== 'mystery_shopper') return sections;
  // Their own area first: it is where the app opens for them.
  return MYSTERY_SHOPPER_SECTIONS.map((id) => sections.find((section) => section.id === id)!);
}

/** Where the app opens: the first section the role sees (the library, or the mystery shops). */
export function homeFor(role: ReviewerRole | null | undefined): string {
  return sectionsFor(role)[0]!.to;
}
