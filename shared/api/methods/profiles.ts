import { z } from 'zod';
import { Id, PlainText } from '../schemas';
import { method, NoParams } from './define';

/**
 * Reviewer profiles: who is working at the workstation. Several people may share one computer; the
 * current profile is who acts, and the backend records it on every write (a payload never says who
 * acts: see `actor` in ./define.ts).
 *
 * A profile can be locked with a passphrase. The backend then holds that profile's key only while it is
 * unlocked (selected with its passphrase, in this run of the app, until locked or idle), nobody can act
 * as it without the passphrase, and only it can write and read private coaching notes. There is no
 * recovery: a forgotten passphrase loses that profile's private notes.
 */

/**
 * Every role of a QA programme (DOMAIN.md). A team server's accounts take any of them; a workstation
 * profile is made with one of `workstationRoles`, since admins and agents only exist in a team.
 */
export const reviewerRoles = [
  'admin',
  'qa_manager',
  'qa_supervisor',
  'team_lead',
  'mystery_shopper',
  'agent',
] as const;
export const ReviewerRole = z.enum(reviewerRoles);
export type ReviewerRole = z.infer<typeof ReviewerRole>;

/** A QA manager runs the programme (review plans, the weekly draw) on a workstation too. */
export const workstationRoles = ['qa_supervisor', 'qa_manager', 'team_lead', 'mystery_shopper'] as const;
export const WorkstationRole = z.enum(workstationRoles);
export type WorkstationRole = z.infer<typeof WorkstationRole>;

export const MAX_PROFILE_NAME_CHARS = 100;

export const ReviewerProfile = z.object({
  id: Id,
  name: z.string(),
  role: ReviewerRole,
  createdAt: z.string(),
  /** Locked with a passphrase: acting as it, and its private notes, need the passphrase. */
  hasPassphrase: z.boolean(),
});
export type ReviewerProfile = z.infer<typeof ReviewerProfile>;

/** A reviewer as other records show them: the name and role, without the profile's bookkeeping. */
export const ReviewerRef = ReviewerProfile.pick({ id: true, name: true, role: true });
export type ReviewerRef = z.infer<typeof ReviewerRef>;

const ProfileName = PlainText('a profile name', MAX_PROFILE_NAME_CHARS).min(1, 'a profile needs a name');

export const MIN_PASSPHRASE_CHARS = 8;
export const MAX_PASSPHRASE_CHARS = 1024;

/** A passphrase as typed: not trimmed (spaces count), never logged, never stored. */
export const Passphrase = z
  .string()
  .min(MIN_PASSPHRASE_CHARS, `a passphrase has at least ${MIN_PASSPHRASE_CHARS} characters`)
  .max(MAX_PASSPHRASE_CHARS, `a passphrase is at most ${MAX_PASSPHRASE_CHARS} characters`);

/** Where this workstation keeps the key that private notes' keys are wrapped with, and how safe that is. */
export const KeyProtection = z.object({
  /** `os-keychain`: Electron safeStorage (Keychain, DPAPI, libsecret/kwallet); `key-file`: a file only the OS user can read. */
  kind: z.enum(['os-keychain', 'key-file']),
  /** Set when the protection is weaker than it should be (e.g. safeStorage fell back to its plain-text store on Linux). */
  warning: z.enum(['plain-text-keychain', 'key-file-permissions']).nullable(),
});
export type KeyProtection = z.infer<typeof KeyProtection>;

export const ProfileList = z.object({
  profiles: z.array(ReviewerProfile),
  /** The profile this workstation works as; null until one is created or chosen. */
  currentId: Id.nullable(),
  /** The current profile has a passphrase and is not unlocked: the renderer asks for the passphrase. */
  currentLocked: z.boolean(),
  keyProtection: KeyProtection,
});
export type ProfileList = z.infer<typeof ProfileList>;

export const profileMethods = {
  'profile.list': method(NoParams, ProfileList, { actor: 'none', activity: false }),
  /** Creates a profile and makes it the current one (whoever creates a profile is about to work as it). */
  'profile.create': method(z.object({ name: ProfileName, role: WorkstationRole }).strict(), ReviewerProfile, {
    actor: 'none',
    activity: true,
  }),
  'profile.update': method(
    z.object({ id: Id, name: ProfileName.optional(), role: WorkstationRole.optional() }).strict(),
    ReviewerProfile,
    { actor: 'optional', activity: true },
  ),
  /**
   * Makes a profile the current one. A profile with a passphrase needs it (`locked` without, `not_allowed`
   * when wrong; repeated wrong tries are slowed down). Selecting another profile locks the previous one.
   */
  'profile.select': method(z.object({ id: Id, passphrase: Passphrase.optional() }).strict(), ProfileList, {
    actor: 'none',
    activity: true,
  }),
  /** Locks the current profile (its key is forgotten); it stays current and asks for the passphrase again. */
  'profile.lock': method(NoParams, ProfileList, { actor: 'none', activity: true }),
  /**
   * Sets or changes the current profile's passphrase (`currentPassphrase` needed to change one). Only the
   * current, unlocked profile can do this. Its private notes keep their key, which is wrapped anew.
   */
  'profile.setPassphrase': method(
    z.object({ id: Id, currentPassphrase: Passphrase.optional(), newPassphrase: Passphrase }).strict(),
    ProfileList,
    { actor: 'required', activity: true },
  ),
} as const;
