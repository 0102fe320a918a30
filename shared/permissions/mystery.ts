import type { MethodName } from '../api';
import type { ReviewerRole } from '../api/methods/profiles';
import type { Permission } from './roles';

/**
 * Mystery shops are kept apart from QA and never public (issue 12): who may see and change them.
 *
 * - Seeing shops: QA (supervisors, managers, administrators), team leads and mystery shoppers. On a
 *   team server a team lead sees the shops of the teams they lead only (electron/backend/services/viewer.ts);
 *   a workstation profile leads no teams, so there it sees every team's shops.
 * - Entering (drafts, submit, the spreadsheet import), confirming and correcting: the entry person, a
 *   mystery shopper, or QA. Querying a result: a team lead, with a reason (the contract requires one).
 * - The scenario library: read by everyone who sees shops, edited by those who enter them.
 */
const seeShops: readonly ReviewerRole[] = [
  'qa_supervisor',
  'team_lead',
  'mystery_shopper',
  'qa_manager',
  'admin',
];
const entryPerson: readonly ReviewerRole[] = ['mystery_shopper', 'qa_supervisor', 'qa_manager', 'admin'];

export const mysteryPermissions = {
  'mystery.list': { roles: seeShops, action: 'see mystery shops' },
  'mystery.get': { roles: seeShops, action: 'see mystery shops' },
  'mystery.report': { roles: seeShops, action: 'see mystery shop reports' },
  'mystery.agentShops': { roles: seeShops, action: 'see mystery shop results' },
  'mystery.teamFigures': { roles: seeShops, action: 'see mystery shop results' },
  'mystery.saveDraft': { roles: entryPerson, action: 'enter mystery shops' },
  'mystery.submit': { roles: entryPerson, action: 'submit mystery shops' },
  'mystery.query': { roles: ['team_lead'], action: 'query mystery shop results' },
  'mystery.confirm': { roles: entryPerson, action: 'confirm mystery shop results' },
  'mystery.correct': { roles: entryPerson, action: 'correct mystery shop results' },
  'mysteryImport.preview': { roles: entryPerson, action: 'import mystery shops' },
  'mysteryImport.dryRun': { roles: entryPerson, action: 'import mystery shops' },
  'mysteryImport.run': { roles: entryPerson, action: 'import mystery shops' },
  'mysteryImport.loadMapping': { roles: entryPerson, action: 'import mystery shops' },
  'mysteryImport.saveMapping': { roles: entryPerson, action: 'import mystery shops' },
  'mysteryImport.loadMappingText': { roles: entryPerson, action: 'import mystery shops' },
  'mysteryImport.forgetSheet': { roles: entryPerson, action: 'import mystery shops' },
  'scenario.list': { roles: seeShops, action: 'see the scenario library' },
  'scenario.save': { roles: entryPerson, action: 'edit the scenario library' },
} as const satisfies Partial<Record<MethodName, Permission>>;

/** The methods this table covers: every one of them is refused to a profile whose role is not listed. */
export type MysteryMethod = keyof typeof mysteryPermissions;
