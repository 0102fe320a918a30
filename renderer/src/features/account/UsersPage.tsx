import { Alert, Badge, Button, Card, Group, Loader, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/api/methods/accounts';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { useSessionAccount } from './account-context';
import { AccountDialog } from './AccountDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { useAccountActions, useAccounts } from './useAccounts';

/** A team server's accounts, for its administrators: who may log in, as what, and their passwords. */
export function UsersPage() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const { update } = useAccountActions();
  const me = useSessionAccount();
  const [editing, setEditing] = useState<{ account: Account | null } | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [disabling, setDisabling] = useState<Account | null>(null);
  const list = accounts.data?.accounts ?? [];

  return (
    <Stack maw={1100} data-testid="users" data-state={accounts.isPending ? 'loading' : 'ready'}>
      <Group justify="space-between">
        <Title order={2}>{t('account.users.title')}</Title>
        <Button onClick={() => setEditing({ account: null })} data-testid="users-new">
          {t('account.users.new')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('account.users.intro')}
      </Text>
      {accounts.isPending && <Loader size="sm" />}
      {accounts.error && (
        <Alert color="red" data-testid="users-error">
          {accounts.error.message}
        </Alert>
      )}
      {update.error && (
        <Alert color="red" data-testid="users-update-error" withCloseButton onClose={() => update.reset()}>
          {update.error.message}
        </Alert>
      )}
      {list.length > 0 && (
        <Card withBorder p={0}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account.users.username')}</Table.Th>
                <Table.Th>{t('account.users.name')}</Table.Th>
                <Table.Th>{t('account.users.role')}</Table.Th>
                <Table.Th>{t('account.users.teams')}</Table.Th>
                <Table.Th>{t('account.users.agent')}</Table.Th>
                <Table.Th>{t('account.users.state')}</Table.Th>
                <Table.Th aria-label={t('account.users.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((account) => (
                <Table.Tr
                  key={account.profileId}
                  data-testid="user-row"
                  data-username={account.username}
                  data-role={account.role}
                  data-disabled={account.disabledAt !== null}
                >
                  <Table.Td ff="monospace">{account.username}</Table.Td>
                  <Table.Td>
                    {account.name}
                    {account.profileId === me?.profileId && (
                      <Text span size="xs" c="dimmed" ml={6}>
                        {t('account.users.you')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`profiles.roles.${account.role}`)}</Table.Td>
                  <Table.Td>{account.teams.map((team) => team.name).join(', ')}</Table.Td>
                  <Table.Td>{account.agent?.name}</Table.Td>
                  <Table.Td>
                    {account.disabledAt ? (
                      <Badge color="gray" variant="light">
                        {t('account.users.disabled')}
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        {t('account.users.active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button size="xs" variant="subtle" data-testid="user-actions">
                          {t('account.users.actions')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing({ account })} data-testid="user-edit">
                          {t('account.users.edit')}
                        </Menu.Item>
                        <Menu.Item onClick={() => setResetting(account)} data-testid="user-reset">
                          {t('account.users.resetPassword')}
                        </Menu.Item>
                        {account.disabledAt ? (
                          <Menu.Item
                            onClick={() => update.mutate({ id: account.profileId, disabled: false })}
                            data-testid="user-enable"
                          >
                            {t('account.users.enable')}
                          </Menu.Item>
                        ) : (
                          <Menu.Item
                            color="red"
                            onClick={() => setDisabling(account)}
                            data-testid="user-disable"
                          >
                            {t('account.users.disable')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <AccountDialog
        opened={editing !== null}
        account={editing?.account ?? null}
        onClose={() => setEditing(null)}
      />
      <ResetPasswordDialog account={resetting} onClose={() => setResetting(null)} />
      <ConfirmDialog
        opened={disabling !== null}
        title={t('account.disable.title', { name: disabling?.name ?? '' })}
        confirmLabel={t('account.disable.confirm')}
        cancelLabel={t('account.cancel')}
        onConfirm={async () => {
          await update.mutateAsync({ id: disabling!.profileId, disabled: true });
          setDisabling(null);
        }}
        onCancel={() => setDisabling(null)}
        testId="disable-dialog"
      >
        {t('account.disable.body', { name: disabling?.name ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
