import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import type { Conflict } from './versioned-edits';

/**
 * Someone saved this elsewhere since this editor loaded it, and this editor's save was refused. Says
 * who and when, that the typed changes are still here, and makes the person choose: see theirs (drop
 * mine) or keep mine (overwrite theirs). No way past it but a choice, so nothing is decided silently.
 */
export function EditConflictDialog({
  conflict,
  what,
  onSeeTheirs,
  onKeepMine,
}: {
  conflict: Conflict<unknown, unknown> | null;
  what: 'draft' | 'session';
  onSeeTheirs: () => Promise<unknown>;
  onKeepMine: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<'theirs' | 'mine' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (which: 'theirs' | 'mine', step: () => Promise<unknown>) => {
    setBusy(which);
    setError(null);
    try {
      await step();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };
  const theirs = conflict?.theirs;
  return (
    <Modal
      opened={conflict !== null}
      onClose={() => {}}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={t('conflict.title')}
      size={640}
      centered
      data-testid="edit-conflict-dialog"
    >
      <Stack>
        <Text size="sm" data-testid="edit-conflict-who">
          {t(`conflict.savedBy.${what}`, {
            name: theirs?.savedBy ?? t('conflict.someone'),
            when: formatDateTime(theirs?.savedAt, i18n.language),
          })}
        </Text>
        <Text size="sm">{t('conflict.kept')}</Text>
        {error && (
          <Alert color="red" data-testid="edit-conflict-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            loading={busy === 'theirs'}
            disabled={busy !== null}
            onClick={() => void run('theirs', onSeeTheirs)}
            data-testid="edit-conflict-see-theirs"
            data-autofocus
          >
            {t('conflict.seeTheirs')}
          </Button>
          <Button
            color="orange"
            loading={busy === 'mine'}
            disabled={busy !== null}
            onClick={() => void run('mine', onKeepMine)}
            data-testid="edit-conflict-keep-mine"
          >
            {t('conflict.keepMine')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
