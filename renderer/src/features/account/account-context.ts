import { createContext, useContext } from 'react';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import type { SessionAccount } from '../../../../shared/api/methods/session';

/** The logged-in account of a team server, and what can be done with the login. */
export interface AccountSession {
  account: SessionAccount;
  /** Ends the login here and shows the login screen. */
  logOut: () => Promise<void>;
  /** The server answered with the account anew (a password change renews the login). */
  renewed: (account: SessionAccount) => void;
}

/** Null on a workstation, where people choose a profile instead of logging in. */
export const AccountContext = createContext<AccountSession | null>(null);

export const useAccountSession = (): AccountSession | null => useContext(AccountContext);

/** Who is logged in on a team server; null on a workstation. */
export const useSessionAccount = (): SessionAccount | null => useAccountSession()?.account ?? null;

/**
 * A team account as the screens that work "as a reviewer profile" know it (an account IS a profile). Its
 * password is its passphrase: its private notes open while it is logged in.
 */
export function profileOfAccount(account: SessionAccount, createdAt = ''): ReviewerProfile {
  return {
    id: account.profileId,
    name: account.name,
    role: account.role,
    createdAt,
    hasPassphrase: true,
  };
}
