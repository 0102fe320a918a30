import type { MethodName } from '../../../shared/api';
import type { ReviewerRole } from '../../../shared/api/methods/profiles';
import { mayCall } from '../../../shared/permissions/roles';

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
  { id: 'queue', to: '/queue', label: 'queue.nav', active: (p) => p.startsWith('/queue') },
  {
    id: 'calibration',
    to: '/calibration',
    label: 'calibration.nav',
    active: (p) => p.startsWith('/calibration'),
  },
  { id: 'import', to: '/import', label: 'nav.import', active: (p) => p === '/import' },
  { id: 'rubrics', to: '/rubrics', label: 'rubrics.nav', active: (p) => p.startsWith('/rubrics') },
  { id: 'coaching', to: '/coaching', label: 'coaching.nav', active: (p) => p.startsWith('/coaching') },
  { id: 'agents', to: '/agents', label: 'agents.nav', active: (p) => p.startsWith('/agents') },
  { id: 'mystery', to: '/mystery', label: 'mystery.nav', active: (p) => p.startsWith('/mystery') },
  { id: 'reels', to: '/reels', label: 'reels.nav', active: (p) => p.startsWith('/reels') },
  { id: 'settings', to: '/settings', label: 'nav.settings', active: (p) => p === '/settings' },
];

/** A team server's administrators manage the accounts; no workstation has this section. */
export const usersSection: Section = {
  id: 'users',
  to: '/users',
  label: 'account.users.nav',
  active: (p) => p === '/users',
};

/** An agent's own page on a team server: their evaluations, acknowledged or disputed there. */
export function ownPageSection(agentId: number): Section {
  const to = `/agents/${agentId}`;
  // An evaluation's summary is read (and answered) from there.
  return { id: 'own', to, label: 'account.nav.own', active: (p) => p === to || p.startsWith('/evaluation/') };
}

/** Who the navigation is for: the role, and for an agent account the agent record they read. */
export interface Viewer {
  role: ReviewerRole | null | undefined;
  /** An agent account's agent record (team server); absent elsewhere. */
  agentId?: number | null;
  /** Logged in to a team server, which refuses what the role table does not give the role. */
  team?: boolean;
}

/**
 * The call a section's screen is for: on a team server a section shows only to roles the role table
 * lets make it (a team lead has no Import, whose every step the server would refuse them).
 */
const SECTION_METHOD: Partial<Record<string, MethodName>> = {
  library: 'library.list',
  import: 'import.start',
  rubrics: 'rubric.list',
  coaching: 'coaching.list',
  agents: 'agent.list',
  mystery: 'mystery.list',
  reels: 'reel.list',
  calibration: 'calibration.list',
};

const allowed = (role: ReviewerRole) => (section: Section) => {
  const method = SECTION_METHOD[section.id];
  return method === undefined || mayCall(role, method);
};

const byId = (ids: readonly string[]) => ids.map((id) => sections.find((section) => section.id === id)!);

/**
 * A mystery shopper enters results and imports the agency's files: the QA sections are not their work,
 * so by default they see only those. Everyone else (and nobody chosen yet) sees every section.
 */
const MYSTERY_SHOPPER_SECTIONS = ['mystery', 'import', 'settings'];

/**
 * The sections a viewer sees, in order. The workstation's roles (QA supervisor, QA manager, team lead,
 * mystery shopper) see what they always saw; the two roles that exist only on a team server:
 * an administrator sees everything and the Users screen, an agent only their own page and the settings
 * (an agent account not linked to an agent record: the settings alone).
 */
export function sectionsFor(viewer: Viewer | ReviewerRole | null | undefined): readonly Section[] {
  const { role, team } = typeof viewer === 'object' && viewer !== null ? viewer : { role: viewer };
  const shown = byRole(viewer);
  return team && role ? shown.filter(allowed(role)) : shown;
}

function byRole(viewer: Viewer | ReviewerRole | null | undefined): readonly Section[] {
  const { role, agentId } = typeof viewer === 'object' && viewer !== null ? viewer : { role: viewer };
  switch (role) {
    case 'mystery_shopper':
      // Their own area first: it is where the app opens for them.
      return byId(MYSTERY_SHOPPER_SECTIONS);
    case 'admin':
      return [...sections.slice(0, -1), usersSection, sections[sections.length - 1]!];
    case 'agent':
      return agentId ? [ownPageSection(agentId), ...byId(['settings'])] : byId(['settings']);
    default:
      // The review queue and calibration are reviewers' work: a team lead coaches and has neither.
      return role
        ? sections.filter(
            (section) =>
              (section.id !== 'queue' || mayCall(role, 'queue.mine')) &&
              (section.id !== 'calibration' || mayCall(role, 'calibration.list')),
          )
        : sections;
  }
}

/** Where the app opens: the first section the viewer sees (the library, the mystery shops, their own page). */
export function homeFor(viewer: Viewer | ReviewerRole | null | undefined): string {
  return sectionsFor(viewer)[0]!.to;
}
