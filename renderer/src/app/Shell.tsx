import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { ProfileSwitcher } from '../features/profiles/ProfileSwitcher';
import { ShortcutHelp } from '../features/shortcuts/ShortcutHelp';
import { useLibraryChanges } from '../api/hooks';
import { useProfileChanges } from '../features/profiles/useProfileChanges';

/** The frame around every screen; `data-app-state="ready"` tells tests the app is interactive. */
export function Shell() {
  // Imports finish while the user is elsewhere: keep the library cache true wherever they are.
  useLibraryChanges();
  // A lock by the idle timer or a switch elsewhere: the profile list follows, notes leave the cache.
  useProfileChanges();
  const { t } = useTranslation();
  const { pathname } = useLocation();
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
          <ProfileSwitcher />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavLink
          component={RouterLink}
          to="/"
          label={t('nav.library')}
          active={pathname === '/' || pathname.startsWith('/interaction')}
          data-testid="nav-library"
        />
        <NavLink
          component={RouterLink}
          to="/import"
          label={t('nav.import')}
          active={pathname === '/import'}
          data-testid="nav-import"
        />
        <NavLink
          component={RouterLink}
          to="/rubrics"
          label={t('rubrics.nav')}
          active={pathname.startsWith('/rubrics') || pathname.startsWith('/evaluation/')}
          data-testid="nav-rubrics"
        />
        <NavLink
          component={RouterLink}
          to="/coaching"
          label={t('coaching.nav')}
          active={pathname.startsWith('/coaching')}
          data-testid="nav-coaching"
        />
        <NavLink
          component={RouterLink}
          to="/agents"
          label={t('agents.nav')}
          active={pathname.startsWith('/agents')}
          data-testid="nav-agents"
        />
        <NavLink
          component={RouterLink}
          to="/reels"
          label={t('reels.nav')}
          active={pathname.startsWith('/reels')}
          data-testid="nav-reels"
        />
        <NavLink
          component={RouterLink}
          to="/settings"
          label={t('nav.settings')}
          active={pathname === '/settings'}
          data-testid="nav-settings"
        />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
      <ShortcutHelp />
    </AppShell>
  );
}
