import { Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionAccount } from '../../../../shared/api/methods/session';
import { api, onApiError } from '../../api/client';
import { retryUnsavedNow } from '../../app/autosave/retry-signal';
import { changeLanguage, pickLanguage } from '../../i18n';
import { AccountContext, type AccountSession } from './account-context';
import { LoginForm } from './LoginForm';
import { LoginScreen } from './LoginScreen';
import { mayMeanLoggedOut } from './startup';

/**
 * The app on a team server: the login screen until someone logs in, then the app as that account.
 *
 * A login that ends while the app is open (idle, time limit, password changed elsewhere, account disabled)
 * is noticed by the next call it refuses. The login form then comes up over the screen, which stays as
 * it was underneath: what was typed stays, drafts whose saves were refused go out once logged in again,
 * and the same person carries on where they were. Someone else logging in there starts at home instead.
 */
export function TeamApp({
  initial,
  goHome,
  children,
}: {
  initial: SessionAccount | null;
  /** Back to the start page (after logout, or when another person logs in over an ended login). */
  goHome: () => void;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [account, setAccount] = useState(initial);
  const [ended, setEnded] = useState(false);
  const checking = useRef(false);

  // A refusal that may be the login ending: ask the server whether anybody is still logged in.
  useEffect(
    () =>
      onApiError((error, method) => {
        if (!account || ended || checking.current || method.startsWith('session.')) return;
        if (!mayMeanLoggedOut(error)) return;
        checking.current = true;
        api.session
          .me({})
          .then(({ account: still }) => still === null && setEnded(true))
          .catch(() => {})
          .finally(() => (checking.current = false));
      }),
    [account, ended],
  );

  const loggedIn = useCallback(
    async (next: SessionAccount) => {
      const same = account?.profileId === next.profileId;
      if (!same) {
        // Nothing the last person could read stays in the cache for the next one.
        queryClient.clear();
        // Someone else over an ended login starts at home; a first login goes where the address says.
        if (account) goHome();
        await followSavedLanguage();
      }
      setAccount(next);
      setEnded(false);
      if (same) {
        await queryClient.invalidateQueries();
        retryUnsavedNow();
      }
    },
    [account, queryClient, goHome],
  );

  const logOut = useCallback(async () => {
    await api.session.logout({}).catch(() => {});
    queryClient.clear();
    goHome();
    setAccount(null);
    setEnded(false);
  }, [queryClient, goHome]);

  const session = useMemo<AccountSession | null>(
    () => account && { account, logOut, renewed: setAccount },
    [account, logOut],
  );

  if (!session) return <LoginScreen onLoggedIn={(next) => void loggedIn(next)} />;
  return (
    <AccountContext.Provider value={session}>
      {children}
      <LoginAgain opened={ended} username={session.account.username} onLoggedIn={loggedIn} />
    </AccountContext.Provider>
  );
}

/** Over the open screen, which stays as it is underneath. */
function LoginAgain({
  opened,
  username,
  onLoggedIn,
}: {
  opened: boolean;
  username: string;
  onLoggedIn: (account: SessionAccount) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={() => {}}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={t('account.loginAgain.title')}
      data-testid="login-again"
    >
      {opened && (
        <Stack>
          <Text size="sm">{t('account.loginAgain.body')}</Text>
          <LoginForm username={username} onLoggedIn={(account) => void onLoggedIn(account)} />
        </Stack>
      )}
    </Modal>
  );
}

/** Each person's language is their saved setting; the login screen showed the browser's. */
async function followSavedLanguage(): Promise<void> {
  try {
    const settings = await api.settings.get({});
    if (settings.language) await changeLanguage(pickLanguage(settings.language));
  } catch {
    // The language stays as it is; nothing else depends on it.
  }
}
