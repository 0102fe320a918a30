import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { namedOptions } from '../../app/options';
import type { Account } from '../../../../shared/api/methods/accounts';
import {
  MAX_PROFILE_NAME_CHARS,
  reviewerRoles,
  type ReviewerRole,
} from '../../../../shared/api/methods/profiles';
import { MAX_USERNAME_CHARS } from '../../../../shared/api/methods/session';
import {
  changesAnything,
  createParams,
  emptyAccountForm,
  formOf,
  updateParams,
  type AccountFormState,
} from './account-form';
import { NewPasswordFields, noPassword } from './NewPasswordFields';
import { passwordProblem } from './password-rules';
import { useAccountActions, useTeamsAndAgents } from './useAccounts';

/** Creates an account (`account` null) or changes one's name, role, teams and agent link. */
export function AccountDialog({
  opened,
  account,
  onClose,
}: {
  opened: boolean;
  account: Account | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? t('account.users.editTitle', { name: account.name }) : t('account.users.newTitle')}
      size={520}
      data-testid="account-dialog"
    >
      {/* Keyed and mounted only while open: the fields start from the account, a password never lingers. */}
      {opened && <AccountForm key={account?.profileId ?? 'new'} account={account} onDone={onClose} />}
    </Modal>
  );
}

function AccountForm({ account, onDone }: { account: Account | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { teams, agents } = useTeamsAndAgents();
  const { create, update } = useAccountActions();
  const [form, setForm] = useState<AccountFormState>(() => (account ? formOf(account) : emptyAccountForm()));
  const [password, setPassword] = useState(noPassword);
  const [tried, setTried] = useState(false);
  const save = account ? update : create;
  const set = (change: Partial<AccountFormState>) => setForm((old) => ({ ...old, ...change }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (form.username.trim() === '' || form.name.trim() === '') return;
    if (account) {
      const changes = updateParams(account, form);
      if (!changesAnything(changes)) return onDone();
      update.mutate(changes, { onSuccess: onDone });
    } else {
      if (passwordProblem(password.secret, password.repeat)) return;
      create.mutate(createParams(form, password.secret), { onSuccess: onDone });
    }
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('account.users.username')}
          description={account ? undefined : t('account.users.usernameHint')}
          value={form.username}
          onChange={(event) => set({ username: event.currentTarget.value })}
          maxLength={MAX_USERNAME_CHARS}
          autoComplete="off"
          spellCheck={false}
          disabled={account !== null}
          required
          data-autofocus={account === null || undefined}
          data-testid="account-username"
        />
        <TextInput
          label={t('account.users.name')}
          description={t('account.users.nameHint')}
          value={form.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          maxLength={MAX_PROFILE_NAME_CHARS}
          required
          data-autofocus={account !== null || undefined}
          data-testid="account-name"
        />
        <Select
          label={t('account.users.role')}
          data={reviewerRoles.map((value) => ({ value, label: t(`profiles.roles.${value}`) }))}
          value={form.role}
          allowDeselect={false}
          onChange={(value) => value && set({ role: value as ReviewerRole })}
          comboboxProps={{ withinPortal: true }}
          data-testid="account-role"
        />
        <Text size="xs" c="dimmed" mt={-8}>
          {t(`account.roleHints.${form.role}`)}
        </Text>
        {form.role === 'team_lead' && (
          <MultiSelect
            label={t('account.users.teams')}
            description={t('account.users.teamsHint')}
            data={namedOptions(teams)}
            value={form.teams}
            onChange={(value) => set({ teams: value })}
            searchable
            nothingFoundMessage={t('account.users.noTeams')}
            data-testid="account-teams"
          />
        )}
        {form.role === 'agent' && (
          <Select
            label={t('account.users.agent')}
            description={t('account.users.agentHint')}
            data={agents.map((agent) => ({
              value: String(agent.id),
              label: agent.teamName ? `${agent.name} (${agent.teamName})` : agent.name,
            }))}
            value={form.agent === '' ? null : form.agent}
            onChange={(value) => set({ agent: value ?? '' })}
            searchable
            clearable
            placeholder={t('account.users.agentSameName')}
            nothingFoundMessage={t('account.users.noAgents')}
            data-testid="account-agent"
          />
        )}
        {!account && (
          <>
            <Text size="sm" fw={500}>
              {t('account.users.initialPassword')}
            </Text>
            <NewPasswordFields
              value={password}
              onChange={setPassword}
              tried={tried}
              testId="account-password"
            />
          </>
        )}
        {save.error && (
          <Alert color="red" data-testid="account-error">
            {save.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('account.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="account-save">
            {account ? t('account.users.save') : t('account.users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
