import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamServerCheck } from '../../../../shared/desktop/team-server';
import { api } from '../../api/client';
import { useSessionAccount } from '../account/account-context';
import { desktopTeam, shownProblem, teamCardMode } from './team-server-card';

/**
 * Settings → Team server. In the desktop app: check an address and connect (the window then shows the
 * server's own page and its login), or disconnect. In the workstation's browser host: where joining is done.
 */
export function TeamServerCard() {
  const { t } = useTranslation();
  const desktop = desktopTeam();
  const account = useSessionAccount();
  const mode = teamCardMode({ desktopWindow: desktop?.window ?? null, loggedIn: account !== null });
  if (mode === 'hidden') return null;
  return (
    <Card withBorder data-testid="team-server-card" data-mode={mode}>
      <Title order={4} mb="xs">
        {t('desktopTeam.title')}
      </Title>
      {mode === 'browser' && <Text size="sm">{t('desktopTeam.browserOnly')}</Text>}
      {mode === 'workstation' && <ConnectForm />}
      {mode === 'team' && <Connected />}
    </Card>
  );
}

function ConnectForm() {
  const { t } = useTranslation();
  const desktop = desktopTeam()!;
  const [address, setAddress] = useState('');
  const [result, setResult] = useState<TeamServerCheck | null>(null);
  const status = useQuery({ queryKey: ['desktop', 'team-status'], queryFn: () => desktop.status() });
  const run = useMutation({
    mutationFn: ({ how, to }: { how: 'check' | 'connect'; to: string }) =>
      how === 'check' ? desktop.check(to) : desktop.connect(to),
    onSuccess: (check) => setResult(check),
  });
  const disconnect = useMutation({
    mutationFn: () => desktop.disconnect(),
    onSuccess: () => void status.refetch(),
  });
  const problem = shownProblem(result, address, status.data);
  const remembered = status.data?.server ?? null;

  return (
    <Stack gap="sm">
      <Text size="sm">{t('desktopTeam.intro')}</Text>
      {remembered && (
        <Alert color="orange" data-testid="team-server-could-not-open">
          <Stack gap="xs">
            <Text size="sm">{t('desktopTeam.couldNotOpen', { origin: remembered })}</Text>
            <Group gap="xs">
              <Button size="xs" onClick={() => run.mutate({ how: 'connect', to: remembered })}>
                {t('desktopTeam.tryAgain')}
              </Button>
              <Button size="xs" variant="default" onClick={() => disconnect.mutate()}>
                {t('desktopTeam.disconnect')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate({ how: 'connect', to: address });
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput
            flex={1}
            label={t('desktopTeam.address')}
            description={t('desktopTeam.addressHint')}
            placeholder="https://"
            value={address}
            onChange={(event) => {
              setAddress(event.currentTarget.value);
              setResult(null);
            }}
            data-testid="team-server-address"
          />
          <Button
            variant="default"
            disabled={run.isPending}
            onClick={() => run.mutate({ how: 'check', to: address })}
            data-testid="team-server-check"
          >
            {t('desktopTeam.check')}
          </Button>
          <Button type="submit" loading={run.isPending} data-testid="team-server-connect">
            {t('desktopTeam.connect')}
          </Button>
        </Group>
      </form>
      {run.isPending && <Text size="sm">{t('desktopTeam.checking')}</Text>}
      {result?.ok && (
        <Alert color="green" data-testid="team-server-ok">
          {t('desktopTeam.isEarmark', { origin: result.origin })}
        </Alert>
      )}
      {problem && !run.isPending && (
        <Alert
          color="red"
          title={t('desktopTeam.problemTitle', { address: problem.address })}
          data-testid="team-server-problem"
          data-problem={problem.problem}
        >
          <Stack gap={4}>
            <Text size="sm">{t(`desktopTeam.problems.${problem.problem}`)}</Text>
            <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-word' }}>
              {t('desktopTeam.technical', { detail: problem.detail })}
            </Text>
          </Stack>
        </Alert>
      )}
      {run.error && <Text c="red">{t('errors.generic', { message: run.error.message })}</Text>}
    </Stack>
  );
}

function Connected() {
  const { t } = useTranslation();
  const desktop = desktopTeam()!;
  const status = useQuery({ queryKey: ['desktop', 'team-status'], queryFn: () => desktop.status() });
  const disconnect = useMutation({ mutationFn: () => leaveTeamServer() });
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('desktopTeam.connectedTo', { origin: status.data?.server ?? window.location.origin })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('desktopTeam.disconnectHint')}
      </Text>
      <Group>
        <Button
          variant="default"
          loading={disconnect.isPending}
          onClick={() => disconnect.mutate()}
          data-testid="team-server-disconnect"
        >
          {t('desktopTeam.disconnect')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Logs out on the server first (its session ends there, not only in this app's cookie jar), then asks
 * the desktop app to forget the server and show the workstation. A server that no longer answers does
 * not keep anyone from leaving it.
 */
export async function leaveTeamServer(): Promise<void> {
  await api.session.logout({}).catch(() => undefined);
  await desktopTeam()?.disconnect();
}
