import { Avatar, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initials } from '../profiles/initials';
import { useAccountSession } from './account-context';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** In a team server's header: who is logged in (name, role), changing the password, logging out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const session = useAccountSession();
  const [changing, setChanging] = useState(false);
  const [leaving, setLeaving] = useState(false);
  if (!session) return null;
  const { account } = session;
  const logOut = () => {
    setLeaving(true);
    void session.logOut().finally(() => setLeaving(false));
  };
  return (
    <>
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            px="xs"
            data-testid="account-menu"
            data-username={account.username}
            data-role={account.role}
            aria-label={t('account.menu.label')}
          >
            <Group gap="xs" wrap="nowrap">
              <Avatar size="sm" color="indigo" radius="xl">
                {initials(account.name)}
              </Avatar>
              <Stack gap={0} align="flex-start">
                <Text size="sm" fw={600} lh={1.2}>
                  {account.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {t(`profiles.roles.${account.role}`)}
                </Text>
              </Stack>
            </Group>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('account.menu.loggedInAs', { username: account.username })}</Menu.Label>
          <Menu.Item onClick={() => setChanging(true)} data-testid="account-change-password">
            {t('account.menu.changePassword')}
          </Menu.Item>
          <Menu.Item onClick={logOut} disabled={leaving} data-testid="account-log-out">
            {t('account.menu.logOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordDialog opened={changing} onClose={() => setChanging(false)} />
    </>
  );
}
