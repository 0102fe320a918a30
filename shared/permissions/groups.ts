import { reviewerRoles, type ReviewerRole } from '../api/methods/profiles';

/**
 * Who does what in a QA programme (DOMAIN.md, "Roles"), as the rows of the role table name them. A QA
 * manager does everything a QA supervisor does; an administrator everything a QA manager does, and
 * manages the accounts.
 */

/** Everyone who works here, agents included. */
export const everyone: readonly ReviewerRole[] = reviewerRoles;
/** Reviews and scores: QA supervisors, and above them QA managers and administrators. */
export const qa: readonly ReviewerRole[] = ['qa_supervisor', 'qa_manager', 'admin'];
/** Plans the programme and publishes rubrics. */
export const managers: readonly ReviewerRole[] = ['qa_manager', 'admin'];
/** Read the library and play its calls: QA, and team leads for coaching. */
export const readers: readonly ReviewerRole[] = [...qa, 'team_lead'];
/** Readers, and the mystery-shop entry person who attaches a recording as a shop's evidence. */
export const evidence: readonly ReviewerRole[] = [...readers, 'mystery_shopper'];
/** Hold one-to-ones with agents: team leads, and the QA managers and administrators above them. */
export const coaches: readonly ReviewerRole[] = ['team_lead', 'qa_manager', 'admin'];
/** Bring recordings into the library (import, upload): QA, and the mystery-shop entry person for evidence. */
export const importers: readonly ReviewerRole[] = [...qa, 'mystery_shopper'];
