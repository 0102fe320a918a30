import { Alert, Button, Group, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_CHARS, type CoachingSession } from '../../../../shared/api/methods/coaching';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { LockIcon } from '../profiles/icons';
import { PassphraseDialog } from '../profiles/PassphraseDialog';
import { NOTES_KEY } from './coaching-keys';
import { errorCode, noteFormState, privateByDefault } from './coaching-logic';
import { UnlockPrompt } from './UnlockPrompt';

/**
 * Writing a note. Deliberately no draft saving: the text exists only in this component until it is
 * added (a private one is encrypted by the backend before it is stored), so nothing of it is left
 * behind for the next person at this computer.
 */
export function AddNote({
  session,
  reader,
  onAdded,
  onLocked,
}: {
  session: CoachingSession;
  reader: ReviewerProfile;
  onAdded: () => Promise<unknown>;
  onLocked: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [isPrivate, setPrivate] = useState(() => privateByDefault(session.coach.id === reader.id));
  const [settingPassphrase, setSettingPassphrase] = useState(false);
  const add = useMutation({
    mutationKey: NOTES_KEY,
    gcTime: 0,
    mutationFn: () => api.coaching.noteAdd({ sessionId: session.id, body, private: isPrivate }),
    onSuccess: async () => {
      setBody('');
      await onAdded();
    },
    onError: (error) => errorCode(error) === 'locked' && onLocked(),
  });
  const state = noteFormState({ body, private: isPrivate, hasPassphrase: reader.hasPassphrase });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (state === 'ready') add.mutate();
  };

  return (
    <>
      <form onSubmit={submit}>
        <Stack gap="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Textarea
            label={t('coaching.notes.new')}
            placeholder={
              isPrivate ? t('coaching.notes.placeholderPrivate') : t('coaching.notes.placeholderShared')
            }
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            maxLength={MAX_NOTE_CHARS}
            autosize
            minRows={3}
            maxRows={12}
            // No spell-check upload, no browser autofill memory: a private note stays on this page.
            autoComplete="off"
            data-testid="note-body"
          />
          <Switch
            checked={isPrivate}
            onChange={(event) => setPrivate(event.currentTarget.checked)}
            label={
              <Group gap={4} wrap="nowrap">
                {isPrivate && <LockIcon size={12} />}
                {t('coaching.notes.private')}
              </Group>
            }
            description={isPrivate ? t('coaching.notes.privateHint') : t('coaching.notes.sharedHint')}
            data-testid="note-private"
          />
          {state === 'needs-passphrase' && (
            <Alert color="orange" variant="light" data-testid="note-needs-passphrase">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('coaching.notes.needsPassphrase', { name: reader.name })}</Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setSettingPassphrase(true)}
                  data-testid="note-set-passphrase"
                >
                  {t('coaching.notes.setPassphrase')}
                </Button>
              </Stack>
            </Alert>
          )}
          {add.error &&
            (errorCode(add.error) === 'locked' ? (
              <UnlockPrompt reader={reader} onUnlocked={() => add.reset()} />
            ) : (
              <Text size="sm" c="red" data-testid="note-error">
                {add.error.message}
              </Text>
            ))}
          <Group justify="flex-end">
            <Button
              type="submit"
              size="xs"
              disabled={state !== 'ready'}
              loading={add.isPending}
              data-testid="note-add"
            >
              {isPrivate ? t('coaching.notes.addPrivate') : t('coaching.notes.addShared')}
            </Button>
          </Group>
        </Stack>
      </form>
      {/* Outside the form: the dialog's own form must not submit this one (React events cross portals). */}
      <PassphraseDialog
        opened={settingPassphrase}
        profile={reader}
        onClose={() => setSettingPassphrase(false)}
      />
    </>
  );
}
