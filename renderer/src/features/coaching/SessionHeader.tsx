import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { DayInput } from '../../app/DayInput';
import type { SessionPermissions } from './coaching-logic';
import { formatDay } from './format';
import { OverdueBadge, StateBadge } from './StateBadge';
import type { SessionTextsState } from './SessionTexts';
import type { SessionPatch, SessionWrites } from './useCoaching';

/** Who, when, in which state, the follow-up date, the printout for the agent, and closing or reopening the session. */
export function SessionHeader({
  session,
  permissions,
  writes,
  texts,
}: {
  session: CoachingSession;
  permissions: SessionPermissions;
  writes: SessionWrites;
  texts: SessionTextsState;
}) {
  const { t, i18n } = useTranslation();
  const change = useMutation({ mutationFn: (patch: SessionPatch) => writes.update(patch) });
  const [confirmingClose, setConfirmingClose] = useState(false);
  // Closing waits for the last typed words to be saved, then sends the outcome as it stands. If they
  // cannot be saved, the session stays open: closed, it could no longer take them.
  const close = async () => {
    await texts.flush();
    await writes.close.mutateAsync(texts.values.outcome);
    setConfirmingClose(false);
  };
  // The printout shows the outcome as saved, so the last typed words are saved first.
  const navigate = useNavigate();
  const print = async () => {
    await texts.flush().catch(() => {});
    await navigate(`/coaching/${session.id}/print`);
  };
  const error = change.error ?? writes.reopen.error;

  return (
    <Stack gap="sm">
      <Anchor component={Link} to={`/coaching?agent=${session.agent.id}`} size="sm">
        ← {t('coaching.session.back')}
      </Anchor>
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {t('coaching.session.heading')}
            </Text>
            <Group gap="sm" align="center">
              <Title order={2} data-testid="session-agent">
                {session.agent.name}
              </Title>
              <StateBadge state={session.state} size="md" />
              <OverdueBadge count={session.overdueActionCount} />
            </Group>
            <Text size="sm" c="dimmed">
              {session.agent.teamName && `${session.agent.teamName} · `}
              {t('coaching.session.coachedBy', { coach: session.coach.name })}
              {session.closedAt &&
                ` · ${t('coaching.session.closedOn', { date: formatDay(session.closedAt.slice(0, 10), i18n.language) })}`}
            </Text>
          </Stack>
          <Group gap="sm" align="end">
            <DayField
              label={t('coaching.session.heldOn')}
              value={session.heldOn}
              editable={permissions.edit}
              onChange={(heldOn) => heldOn && change.mutate({ heldOn })}
              testId="session-date"
            />
            <DayField
              label={t('coaching.session.followUp')}
              value={session.followUpOn}
              editable={permissions.edit}
              onChange={(followUpOn) => change.mutate({ followUpOn })}
              clearable
              testId="follow-up"
            />
            {/* Anyone who reads the session may print it: the printout holds nothing they cannot read here. */}
            <Button variant="default" onClick={() => void print()} data-testid="session-print">
              {t('coaching.session.print')}
            </Button>
            {permissions.close && (
              <Button
                onClick={() => setConfirmingClose(true)}
                loading={writes.close.isPending}
                data-testid="session-close"
              >
                {t('coaching.session.close')}
              </Button>
            )}
            {permissions.reopen && (
              <Button
                variant="default"
                onClick={() => writes.reopen.mutate()}
                loading={writes.reopen.isPending}
                data-testid="session-reopen"
              >
                {t('coaching.session.reopen')}
              </Button>
            )}
          </Group>
        </Group>
      </Paper>
      {!session.editable ? (
        <Alert color="gray" variant="light" data-testid="session-readonly">
          {t('coaching.session.readOnly', { coach: session.coach.name })}
        </Alert>
      ) : session.state === 'closed' ? (
        <Alert color="gray" variant="light" data-testid="session-closed-note">
          {t('coaching.session.closedNote')}
        </Alert>
      ) : null}
      {error && <Alert color="red">{error.message}</Alert>}
      <ConfirmDialog
        opened={confirmingClose}
        title={t('coaching.session.closeConfirm.title')}
        confirmLabel={t('coaching.session.closeConfirm.confirm')}
        cancelLabel={t('coaching.session.closeConfirm.cancel')}
        color="blue"
        onConfirm={close}
        onCancel={() => setConfirmingClose(false)}
        testId="session-close-dialog"
      >
        {t('coaching.session.closeConfirm.body', { agent: session.agent.name })}
      </ConfirmDialog>
    </Stack>
  );
}

/**
 * A date that only the coach can change; the follow-up is optional and can be cleared. The field
 * hands over only whole, real days, so each one is saved as soon as it is picked or typed.
 */
function DayField({
  label,
  value,
  editable,
  clearable = false,
  onChange,
  testId,
}: {
  label: string;
  value: string | null;
  editable: boolean;
  clearable?: boolean;
  onChange: (value: string | null) => void;
  testId: string;
}) {
  const { i18n } = useTranslation();
  if (!editable)
    return (
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="sm" data-testid={testId} data-value={value ?? ''}>
          {formatDay(value, i18n.language)}
        </Text>
      </Stack>
    );
  return (
    <DayInput
      label={label}
      value={value}
      onChange={(day) => day !== value && onChange(day)}
      clearable={clearable}
      w={170}
      data-testid={testId}
    />
  );
}
