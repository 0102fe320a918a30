import { Button, Card, Center, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../../shared/api';
import type { SessionAccount } from '../../../../shared/api/methods/session';
import { changeLanguage, languageNames } from '../../i18n';
import { leaveTeamServer } from '../settings/TeamServerCard';
import { desktopTeam } from '../settings/team-server-card';
import { LoginForm } from './LoginForm';

/**
 * A team server's front door. The language can be picked here, since nobody's saved choice is known
 * before login (it starts as the browser's).
 */
export function LoginScreen({ onLoggedIn }: { onLoggedIn: (account: SessionAccount) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Center h="100%" p="md" data-app-state="login" data-testid="login-screen">
      <Card withBorder shadow="sm" p="xl" w={380} maw="100%">
        <Stack>
          <Stack gap={2}>
            <Title order={2} c="indigo.7">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('account.login.intro')}
            </Text>
          </Stack>
          <LoginForm onLoggedIn={onLoggedIn} />
          <Group justify={desktopTeam() ? 'space-between' : 'flex-end'}>
            {desktopTeam() && (
              // The desktop app opened this server: someone without an account here must get back.
              <Button
                variant="subtle"
                size="xs"
                onClick={() => void leaveTeamServer()}
                data-testid="login-leave-team"
              >
                {t('desktopTeam.backToComputer')}
              </Button>
            )}
            <Select
              size="xs"
              w={140}
              aria-label={t('settings.language')}
              data={languages.map((value) => ({ value, label: languageNames[value] }))}
              value={i18n.language}
              allowDeselect={false}
              onChange={(value) => value && void changeLanguage(value as Language)}
              data-testid="login-language"
            />
          </Group>
        </Stack>
      </Card>
    </Center>
  );
}
