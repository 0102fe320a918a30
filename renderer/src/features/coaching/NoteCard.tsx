import { Badge, Button, Group, Paper, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_CHARS, type CoachingNote } from '../../../../shared/api/methods/coaching';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { LockIcon } from '../profiles/icons';
import { NOTES_KEY } from './coaching-keys';
import { errorCode } from './coaching-logic';

/** One note; its author can edit or delete it. A private one carries a lock: only its author sees it at all. */
export function NoteCard({
  note,
  own,
  onChanged,
  onLocked,
}: {
  note: CoachingNote;
  own: boolean;
  onChanged: () => Promise<unknown>;
  onLocked: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const onError = (error: Error) => errorCode(error) === 'locked' && onLocked();
  const save = useMutation({
    mutationKey: NOTES_KEY,
    gcTime: 0,
    mutationFn: (body: string) => api.coaching.noteUpdate({ id: note.id, body, version: note.version }),
    onSuccess: async () => {
      setEditing(null);
      await onChanged();
    },
    onError,
  });
  const remove = useMutation({
    mutationKey: NOTES_KEY,
    gcTime: 0,
    mutationFn: () => api.coaching.noteDelete({ id: note.id }),
    onSuccess: onChanged,
    onError,
  });
  const error = save.error ?? remove.error;

  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      bg={note.private ? 'var(--mantine-color-indigo-0)' : undefined}
      data-testid="coaching-note"
      data-private={note.private}
      data-own={own}
      data-note-id={note.id}
    >
      <Stack gap={4}>
        {/* Wraps rather than squeezes: the panel is narrow, and the lock must stay readable. */}
        <Group gap={6} wrap="wrap" align="center">
          {note.private && (
            <Tooltip label={t('coaching.notes.privateTooltip')}>
              <Badge
                size="xs"
                color="indigo"
                variant="light"
                leftSection={<LockIcon size={10} />}
                style={{ flexShrink: 0, overflow: 'visible' }}
                data-testid="note-lock"
              >
                {t('coaching.notes.privateBadge')}
              </Badge>
            </Tooltip>
          )}
          <Text size="xs" fw={600}>
            {note.author.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(note.updatedAt, i18n.language)}
          </Text>
        </Group>
        {editing === null ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="note-text">
            {note.body}
          </Text>
        ) : (
          <Textarea
            value={editing}
            onChange={(event) => setEditing(event.currentTarget.value)}
            maxLength={MAX_NOTE_CHARS}
            autosize
            minRows={2}
            maxRows={12}
            autoComplete="off"
            data-autofocus
            data-testid="note-edit-body"
          />
        )}
        {own && (
          <Group gap={4} justify="flex-end">
            {editing === null ? (
              confirmDelete ? (
                <>
                  <Text size="xs" c="red">
                    {t('coaching.notes.deleteConfirm')}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => setConfirmDelete(false)}
                  >
                    {t('coaching.notes.cancel')}
                  </Button>
                  <Button
                    size="compact-xs"
                    color="red"
                    onClick={() => remove.mutate()}
                    loading={remove.isPending}
                    data-testid="note-delete-confirm"
                  >
                    {t('coaching.notes.delete')}
                  </Button>
                </>
              ) : (
                <>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setEditing(note.body)}
                    data-testid="note-edit"
                  >
                    {t('coaching.notes.edit')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setConfirmDelete(true)}
                    data-testid="note-delete"
                  >
                    {t('coaching.notes.delete')}
                  </Button>
                </>
              )
            ) : (
              <>
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setEditing(null)}>
                  {t('coaching.notes.cancel')}
                </Button>
                <Button
                  size="compact-xs"
                  onClick={() => editing.trim() && save.mutate(editing)}
                  disabled={editing.trim() === ''}
                  loading={save.isPending}
                  data-testid="note-save"
                >
                  {t('coaching.notes.save')}
                </Button>
              </>
            )}
          </Group>
        )}
        {error && (
          <Text size="xs" c="red">
            {error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
