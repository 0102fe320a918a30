import { describe, expect, it } from 'vitest';
import { homeFor, sections, sectionsFor } from '../../../renderer/src/app/sections';

const ids = (list: readonly { id: string }[]) => list.map((section) => section.id);

describe('the navigation per role', () => {
  it('gives a mystery shopper only the mystery shops, import and settings, their own area first', () => {
    expect(ids(sectionsFor('mystery_shopper'))).toEqual(['mystery', 'import', 'settings']);
    expect(homeFor('mystery_shopper')).toBe('/mystery');
    expect(ids(sectionsFor({ role: 'mystery_shopper' }))).toEqual(['mystery', 'import', 'settings']);
  });

  it('gives the other workstation roles, and nobody chosen yet, every section, the mystery shops among them', () => {
    const others = ['qa_supervisor', 'qa_manager', null, undefined] as const;
    for (const role of others) {
      expect(ids(sectionsFor(role))).toEqual(ids(sections));
      expect(ids(sectionsFor({ role }))).toEqual(ids(sections));
      expect(homeFor(role)).toBe('/');
    }
    expect(ids(sections)).toContain('mystery');
    // A team lead coaches: every section but the review queue and calibration, the reviewers' work.
    expect(ids(sectionsFor('team_lead'))).toEqual(
      ids(sections).filter((id) => id !== 'queue' && id !== 'calibration'),
    );
    expect(ids(sections)).toContain('queue');
    expect(ids(sections)).not.toContain('users');
  });

  it('gives a team server administrator every section and the Users screen, before the settings', () => {
    const admin = ids(sectionsFor({ role: 'admin' }));
    expect(admin).toEqual([...ids(sections).slice(0, -1), 'users', 'settings']);
    expect(homeFor('admin')).toBe('/');
    const users = sectionsFor('admin').find((section) => section.id === 'users')!;
    expect(users.to).toBe('/users');
    expect(users.active('/users')).toBe(true);
    expect(users.active('/')).toBe(false);
  });

  it('shows the Users screen to nobody but an administrator', () => {
    for (const role of ['qa_manager', 'qa_supervisor', 'team_lead', 'mystery_shopper', 'agent'] as const) {
      expect(ids(sectionsFor({ role, agentId: 4 }))).not.toContain('users');
    }
  });

  it('gives an agent only their own page and the settings, and opens the app on their page', () => {
    const agent = sectionsFor({ role: 'agent', agentId: 12 });
    expect(ids(agent)).toEqual(['own', 'settings']);
    expect(agent[0]!.to).toBe('/agents/12');
    expect(agent[0]!.active('/agents/12')).toBe(true);
    expect(agent[0]!.active('/agents/13')).toBe(false);
    // Reading one of their evaluations is still their own page.
    expect(agent[0]!.active('/evaluation/7/summary')).toBe(true);
    expect(homeFor({ role: 'agent', agentId: 12 })).toBe('/agents/12');
    // No library, no other agents, no coaching list, rubrics or imports.
    for (const id of ['library', 'agents', 'coaching', 'rubrics', 'import', 'mystery', 'reels']) {
      expect(ids(agent)).not.toContain(id);
    }
  });

  it('shows on a team server only the sections whose screens the role table lets the role use', () => {
    // A team lead reads the library, coaches and collects reels, but imports nothing there.
    const lead = ids(sectionsFor({ role: 'team_lead', team: true }));
    expect(lead).toEqual(['library', 'rubrics', 'coaching', 'agents', 'mystery', 'reels', 'settings']);
    // The workstation's team lead keeps Import, as before.
    expect(ids(sectionsFor({ role: 'team_lead' }))).toContain('import');
    expect(ids(sectionsFor({ role: 'qa_supervisor', team: true }))).toEqual(ids(sections));
    expect(ids(sectionsFor({ role: 'admin', team: true }))).toContain('users');
    expect(ids(sectionsFor({ role: 'agent', agentId: 3, team: true }))).toEqual(['own', 'settings']);
    expect(homeFor({ role: 'team_lead', team: true })).toBe('/');
  });

  it('gives an agent account without an agent record only the settings', () => {
    expect(ids(sectionsFor({ role: 'agent', agentId: null }))).toEqual(['settings']);
    expect(homeFor({ role: 'agent' })).toBe('/settings');
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
