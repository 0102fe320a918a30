import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { ProfileSwitcher } from '../features/profiles/ProfileSwitcher';
import { ShortcutHelp } from '../features/shortcuts/ShortcutHelp';
import { useLibraryChanges } from '../api/hooks';
import { useProfileChanges } from '../features/profiles/useProfileChanges';

/** The navigation, in order: where each section lives and which addresses belong to it. */
const sections: readonly { id: string; to: string; label: string; active: (path: string) => boolean }[] = [
  // An evaluation and its summary belong to the interaction they score, so to the library.
  {
    id: 'library',
    to: '/',
    label: 'nav.library',
    active: (p) => p === '/' || p.startsWith('/interaction') || p.startsWith('/evaluation/'),
  },
  { id: 'import', to: '/import', label: 'nav.import', active: (p) => p === '/import' },
  { id: 'rubrics', to: '/rubrics', label: 'rubrics.nav', active: (p) => p.startsWith('/rubrics') },
  { id: 'coaching', to: '/coaching', label: 'coaching.nav', active: (p) => p.startsWith('/coaching') },
  { id: 'agents', to: '/agents', label: 'agents.nav', active: (p) => p.startsWith('/agents') },
  { id: 'reels', to: '/reels', label: 'reels.nav', active: (p) => p.startsWith('/reels') },
  { id: 'settings', to: '/settings', label: 'nav.settings', active: (p) => p === '/settings' },
];

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
        {sections.map((section) => (
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
