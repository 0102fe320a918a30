import { describe, expect, it } from 'vitest';
import { reviewerRoles } from '../../../shared/api/methods/profiles';
import { homeFor, sections, sectionsFor } from '../../../renderer/src/app/sections';

const ids = (list: readonly { id: string }[]) => list.map((section) => section.id);

describe('the navigation per role', () => {
  it('gives a mystery shopper only the mystery shops, import and settings, their own area first', () => {
    expect(ids(sectionsFor('mystery_shopper'))).toEqual(['mystery', 'import', 'settings']);
    expect(homeFor('mystery_shopper')).toBe('/mystery');
  });

  it('gives every other role, and nobody chosen yet, every section, the mystery shops among them', () => {
    for (const role of [...reviewerRoles.filter((r) => r !== 'mystery_shopper'), null, undefined]) {
      expect(ids(sectionsFor(role))).toEqual(ids(sections));
      expect(homeFor(role)).toBe('/');
    }
    expect(ids(sections)).toContain('mystery');
  });

  it('marks the mystery shops active on the list, the reports and a shop', () => {
    const mystery = sections.find((section) => section.id === 'mystery')!;
    for (const path of ['/mystery', '/mystery/reports', '/mystery/12', '/mystery/new']) {
      expect(mystery.active(path)).toBe(true);
    }
    expect(mystery.active('/')).toBe(false);
    expect(sections.filter((section) => section.active('/mystery/reports'))).toHaveLength(1);
  });
});
