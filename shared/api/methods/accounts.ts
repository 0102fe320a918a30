import { z } from 'zod';
import { Id, PlainText } from '../schemas';
import { method, NoParams } from './define';
import { MAX_PROFILE_NAME_CHARS, ReviewerRole } from './profiles';
import { Password, SessionAccount, Username } from './session';

/**
 * Team accounts, managed by administrators on a team server (a workstation answers `unavailable`). An
 * account IS a reviewer profile (same id) with a login; its name and role are the profile's.
 *
 * - An agent account is linked to one agent record (`agent`, an agent id): by default the agent with
 *   the account's name. Only agent accounts have one.
 * - A team lead's account lists the teams they lead (`teams`, team ids). Only team leads have teams.
 */

const AccountName = PlainText('a name', MAX_PROFILE_NAME_CHARS, {
  min: { chars: 1, message: 'an account needs a name' },
});
const TeamIds = z.array(Id).max(500, 'an account leads at most 500 teams');

export const Account = SessionAccount.extend({
  /** When an administrator disabled it (it cannot log in); null while it may. */
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
});
export type Account = z.infer<typeof Account>;

export const accountMethods = {
  'account.list': method(NoParams, z.object({ accounts: z.array(Account) }), {
    actor: 'required',
    activity: true,
  }),
  /** Creates the profile and its login in one go; `agent` is needed for an agent without a same-named agent record. */
  'account.create': method(
    z
      .object({
        username: Username,
        name: AccountName,
        role: ReviewerRole,
        password: Password,
        agent: Id.optional(),
        teams: TeamIds.optional(),
      })
      .strict(),
    Account,
    { actor: 'required', activity: true },
  ),
  /**
   * Changes name, role, teams or agent link, or disables / enables the account. Disabling ends its
   * sessions at once. The last enabled administrator can be neither disabled nor given another role.
   */
  'account.update': method(
    z
      .object({
        id: Id,
        name: AccountName.optional(),
        role: ReviewerRole.optional(),
        teams: TeamIds.optional(),
        agent: Id.nullable().optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    Account,
    { actor: 'required', activity: true },
  ),
  /**
   * Sets a new password for someone who forgot theirs; every session of theirs ends. Their private
   * notes cannot be recovered this way (nothing can open them without the old password).
   */
  'account.resetPassword': method(z.object({ id: Id, password: Password }).strict(), Account, {
    actor: 'required',
    activity: true,
  }),
} as const;
