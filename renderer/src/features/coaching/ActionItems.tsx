import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_ACTION_CHARS,
  type ActionItem,
  type ActionOwner,
  type CoachingSession,
} from '../../../../shared/api/methods/coaching';
import { DayInput } from '../../app/DayInput';
import { TrashIcon } from '../review/icons';
import { defaultDueDate, localIsoDate, sortActions, type SessionPermissions } from './coaching-logic';
import { formatDay } from './format';
import type { SessionWrites } from './useCoaching';

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * What was agreed: each action with who does it and by when; overdue ones in red. The coach adds and
 * edits them while the session is planned and ticks them off also after it is closed.
 */
export function ActionItems({
  session,
  permissions,
  writes,
}: {
  session: CoachingSession;
  permissions: SessionPermissions;
  writes: SessionWrites;
}) {
  const { t } = useTranslation();
  const error = writes.addAction.error ?? writes.updateAction.error ?? writes.deleteAction.error;
  const open = session.actions.filter((action) => action.doneAt === null).length;
  return (
    <Card withBorder data-testid="action-items">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('coaching.actions.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('coaching.list.openOfTotal', { open, total: session.actions.length })}
          </Text>
        </Group>
        {session.actions.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('coaching.actions.none')}
          </Text>
        )}
        {sortActions(session.actions).map((action) => (
          <ActionRow
            key={action.id}
            action={action}
            session={session}
            permissions={permissions}
            writes={writes}
          />
        ))}
        {permissions.edit && <AddAction session={session} writes={writes} />}
        {error && (
          <Text size="sm" c="red" data-testid="action-error">
            {error.message}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function useOwnerOptions(session: CoachingSession) {
  const { t } = useTranslation();
  return (['agent', 'coach'] as const).map((owner) => ({
    value: owner,
    label: t(`coaching.actions.owner.${owner}`, { agent: session.agent.name, coach: session.coach.name }),
  }));
}

function ActionRow({
  action,
  session,
  permissions,
  writes,
}: {
  action: ActionItem;
  session: CoachingSession;
  permissions: SessionPermissions;
  writes: SessionWrites;
}) {
  const { t, i18n } = useTranslation();
  const owners = useOwnerOptions(session);
  const [text, setText] = useState(action.text);
  const done = action.doneAt !== null;
  const update = (change: Omit<Parameters<typeof writes.updateAction.mutate>[0], 'id'>) =>
    writes.updateAction.mutate({ id: action.id, ...change });
  const saveText = () => {
    if (text.trim() === '') setText(action.text);
    // Typed text goes out on the action's version: one edited in another window meanwhile is refused
    // (and the text stays here) rather than written over.
    else if (text !== action.text) update({ text, version: action.version });
  };

  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      p={6}
      data-testid="action-item"
      data-action-id={action.id}
      data-done={done}
      data-overdue={action.overdue}
      style={{
        borderLeft: `3px solid var(--mantine-color-${action.overdue ? 'red-6' : done ? 'teal-5' : 'gray-3'})`,
        background: action.overdue ? 'var(--mantine-color-red-0)' : undefined,
        borderRadius: 4,
      }}
    >
      <Checkbox
        mt={permissions.edit ? 6 : 2}
        checked={done}
        onChange={(event) => update({ done: event.currentTarget.checked })}
        disabled={!permissions.tick}
        aria-label={done ? t('coaching.actions.markOpen') : t('coaching.actions.markDone')}
        data-testid="action-done"
      />
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        {permissions.edit ? (
          <TextInput
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            onBlur={saveText}
            onKeyDown={(event) => event.key === 'Enter' && saveText()}
            maxLength={MAX_ACTION_CHARS}
            size="sm"
            variant="unstyled"
            aria-label={t('coaching.actions.text')}
            styles={{ input: { textDecoration: done ? 'line-through' : undefined } }}
            data-testid="action-item-text"
          />
        ) : (
          <Text size="sm" td={done ? 'line-through' : undefined} data-testid="action-item-text">
            {action.text}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          {permissions.edit ? (
            <>
              <NativeSelect
                data={owners}
                value={action.owner}
                onChange={(event) => update({ owner: event.currentTarget.value as ActionOwner })}
                size="xs"
                w={200}
                aria-label={t('coaching.actions.ownerLabel')}
                data-testid="action-item-owner"
              />
              <DayInput
                value={action.dueOn}
                onChange={(dueOn) => {
                  if (dueOn && isDay(dueOn) && dueOn !== action.dueOn) update({ dueOn });
                }}
                size="xs"
                w={140}
                error={action.overdue}
                aria-label={t('coaching.actions.due')}
                data-testid="action-item-due"
              />
            </>
          ) : (
            <Text size="xs" c="dimmed">
              {owners.find((owner) => owner.value === action.owner)?.label}
              {' · '}
              <Text span size="xs" c={action.overdue ? 'red' : 'dimmed'} fw={action.overdue ? 700 : 400}>
                {t('coaching.actions.dueOn', { date: formatDay(action.dueOn, i18n.language) })}
              </Text>
            </Text>
          )}
          {action.overdue && (
            <Badge color="red" size="sm" data-testid="action-overdue">
              {t('coaching.actions.overdue')}
            </Badge>
          )}
        </Group>
      </Stack>
      {permissions.edit && (
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          mt={6}
          onClick={() => writes.deleteAction.mutate(action.id)}
          aria-label={t('coaching.actions.delete')}
          data-testid="action-delete"
        >
          <TrashIcon size={14} />
        </ActionIcon>
      )}
    </Group>
  );
}

function AddAction({ session, writes }: { session: CoachingSession; writes: SessionWrites }) {
  const { t } = useTranslation();
  const owners = useOwnerOptions(session);
  const [text, setText] = useState('');
  const [owner, setOwner] = useState<ActionOwner>('agent');
  const [dueOn, setDueOn] = useState(() => defaultDueDate(session.followUpOn, localIsoDate()));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || !isDay(dueOn)) return;
    writes.addAction.mutate({ text, owner, dueOn }, { onSuccess: () => setText('') });
  };
  return (
    <form onSubmit={submit}>
      <Group
        gap="xs"
        align="end"
        wrap="nowrap"
        pt="xs"
        style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      >
        <TextInput
          label={t('coaching.actions.new')}
          placeholder={t('coaching.actions.placeholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          maxLength={MAX_ACTION_CHARS}
          size="xs"
          style={{ flex: 1 }}
          data-testid="action-text"
        />
        <NativeSelect
          label={t('coaching.actions.ownerLabel')}
          data={owners}
          value={owner}
          onChange={(event) => setOwner(event.currentTarget.value as ActionOwner)}
          size="xs"
          w={170}
          data-testid="action-owner"
        />
        <DayInput
          label={t('coaching.actions.due')}
          value={dueOn || null}
          onChange={(day) => setDueOn(day ?? '')}
          size="xs"
          w={140}
          data-testid="action-due"
        />
        <Button
          type="submit"
          size="xs"
          disabled={text.trim() === '' || !isDay(dueOn)}
          loading={writes.addAction.isPending}
          data-testid="action-add"
        >
          {t('coaching.actions.add')}
        </Button>
      </Group>
    </form>
  );
}
