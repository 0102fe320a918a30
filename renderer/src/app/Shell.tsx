import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { AccountMenu } from '../features/account/AccountMenu';
import { useSessionAccount } from '../features/account/account-context';
import { ProfileSwitcher } from '../features/profiles/ProfileSwitcher';
import { ShortcutHelp } from '../features/shortcuts/ShortcutHelp';
import { useLibraryChanges } from '../api/hooks';
import { useProfileChanges } from '../features/profiles/useProfileChanges';
import { useCurrentReviewer } from '../features/profiles/useProfiles';
import { sectionsFor } from './sections';

/** The frame around every screen; `data-app-state="ready"` tells tests the app is interactive. */
export function Shell() {
  // Imports finish while the user is elsewhere: keep the library cache true wherever they are.
  useLibraryChanges();
  // A lock by the idle timer or a switch elsewhere: the profile list follows, notes leave the cache.
  useProfileChanges();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const role = useCurrentReviewer()?.role;
  // A team server: who is logged in, instead of the workstation's profiles.
  const account = useSessionAccount();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 0 }}
      padding="md"
      data-app-state="ready"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm">
          <Title order={3} c="indigo.7">
            {t('app.name')}
          </Title>
          <Text c="dimmed" size="sm" style={{ flex: 1 }}>
            {t('app.tagline')}
          </Text>
          {account ? <AccountMenu /> : <ProfileSwitcher />}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {sectionsFor({ role, agentId: account?.agent?.id ?? null, team: account !== null }).map((section) => (
          <NavLink
            key={section.id}
            component={RouterLink}
            to={section.to}
            label={t(section.label)}
            active={section.active(pathname)}
            data-testid={`nav-${section.id}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
      <ShortcutHelp />
    </AppShell>
  );
}
