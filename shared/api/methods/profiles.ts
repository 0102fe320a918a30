import { z } from 'zod';
import { Id } from '../schemas';
import { method, NoParams } from './define';

/**
 * Reviewer profiles: who is working at the workstation. Several people may share one computer, so the
 * renderer sends the current profile's id with every write and evaluations record it. Nothing secret
 * lives here yet; a later passphrase lock and private coaching notes attach to the same profile id.
 */

export const reviewerRoles = ['qa_supervisor', 'team_lead', 'mystery_shopper'] as const;
export const ReviewerRole = z.enum(reviewerRoles);
export type ReviewerRole = z.infer<typeof ReviewerRole>;

export const MAX_PROFILE_NAME_CHARS = 100;

export const ReviewerProfile = z.object({
  id: Id,
  name: z.string(),
  role: ReviewerRole,
  createdAt: z.string(),
});
export type ReviewerProfile = z.infer<typeof ReviewerProfile>;

/** A reviewer as other records show them: the name and role, without the profile's bookkeeping. */
export const ReviewerRef = ReviewerProfile.pick({ id: true, name: true, role: true });
export type ReviewerRef = z.infer<typeof ReviewerRef>;

const ProfileName = z
  .string()
  .trim()
  .min(1, 'a profile needs a name')
  .max(MAX_PROFILE_NAME_CHARS, `a profile name is at most ${MAX_PROFILE_NAME_CHARS} characters`);

export const ProfileList = z.object({
  profiles: z.array(ReviewerProfile),
  /** The profile this workstation works as; null until one is created or chosen. */
  currentId: Id.nullable(),
});
export type ProfileList = z.infer<typeof ProfileList>;

export const profileMethods = {
  'profile.list': method(NoParams, ProfileList),
  /** Creates a profile and makes it the current one (whoever creates a profile is about to work as it). */
  'profile.create': method(z.object({ name: ProfileName, role: ReviewerRole }).strict(), ReviewerProfile),
  'profile.update': method(
    z.object({ id: Id, name: ProfileName.optional(), role: ReviewerRole.optional() }).strict(),
    ReviewerProfile,
  ),
  'profile.select': method(z.object({ id: Id }).strict(), ProfileList),
} as const;
