import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_LINKED_MOMENTS, type LinkedMoment } from '../../../../shared/api/methods/coaching';
import { formatDuration } from '../../app/format';
import { ClipPlayer } from '../clips/ClipPlayer';
import { TrashIcon } from '../review/icons';
import { MomentPicker } from './MomentPicker';
import type { SessionPartProps } from './useCoaching';

/**
 * The moments to go through in the meeting, each playable right here: the exact clip, not the whole call.
 * The coach adds more from the agent's calls and chats, and unlinks what the meeting will skip.
 */
export function LinkedMoments({ session, editable, writes }: SessionPartProps) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const change = useMutation({ mutationFn: (momentIds: number[]) => writes.update({ momentIds }) });
  const ids = session.moments.map((moment) => moment.id);

  return (
    <Card withBorder data-testid="linked-moments">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('coaching.moments.title')}</Title>
          {editable && ids.length < MAX_LINKED_MOMENTS && (
            <Button variant="default" size="xs" onClick={() => setPicking(true)} data-testid="moments-add">
              {t('coaching.moments.add')}
            </Button>
          )}
        </Group>
        {session.moments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('coaching.moments.none')}
          </Text>
        )}
        {session.moments.map((moment, index) => (
          <MomentClip
            key={moment.id}
            moment={moment}
            label={t('coaching.moments.clipOf', { number: index + 1, total: session.moments.length })}
            onUnlink={editable ? () => change.mutate(ids.filter((id) => id !== moment.id)) : undefined}
          />
        ))}
        {change.error && (
          <Text size="sm" c="red">
            {change.error.message}
          </Text>
        )}
      </Stack>
      <Modal
        opened={picking}
        onClose={() => setPicking(false)}
        title={t('coaching.moments.pickTitle', { agent: session.agent.name })}
        size="xl"
      >
        {picking && (
          <MomentPicker
            session={session}
            saving={change.isPending}
            saveError={change.error?.message ?? null}
            onSave={(next) => change.mutate(next, { onSuccess: () => setPicking(false) })}
          />
        )}
      </Modal>
    </Card>
  );
}

function MomentClip({
  moment,
  label,
  onUnlink,
}: {
  moment: LinkedMoment;
  label: string;
  onUnlink?: () => void;
}) {
  const { t } = useTranslation();
  const when =
    moment.startMs === null
      ? moment.turnSeq === null
        ? null
        : t('review.moments.turn', { number: moment.turnSeq + 1 })
      : moment.endMs === null
        ? formatDuration(moment.startMs)
        : `${formatDuration(moment.startMs)}–${formatDuration(moment.endMs)}`;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="linked-moment" data-moment-id={moment.id}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="wrap">
            <Text size="xs" c="dimmed" fw={600}>
              {label}
            </Text>
            <Anchor component={Link} to={`/interaction/${moment.interactionId}`} size="sm" fw={600}>
              {moment.interactionTitle}
            </Anchor>
            <Badge size="xs" variant="outline" color="gray">
              {t(`library.kind.${moment.interactionKind}`)}
            </Badge>
            {when && (
              <Text size="sm" ff="monospace">
                {when}
              </Text>
            )}
          </Group>
          {onUnlink && (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={onUnlink}
              aria-label={t('coaching.moments.unlink')}
              data-testid="linked-moment-remove"
            >
              <TrashIcon size={14} />
            </ActionIcon>
          )}
        </Group>
        {moment.comment && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {moment.comment}
          </Text>
        )}
        <ClipPlayer moment={moment} />
      </Stack>
    </Paper>
  );
}
