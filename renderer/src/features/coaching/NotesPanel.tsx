import { Alert, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { PROFILES_KEY } from '../profiles/useProfiles';
import { notesKey } from './coaching-keys';
import { errorCode } from './coaching-logic';
import { AddNote } from './AddNote';
import { NoteCard } from './NoteCard';
import { UnlockPrompt } from './UnlockPrompt';

/**
 * The notes on a session that the reading profile may read: shared ones, and its own private ones.
 *
 * Privacy, as far as this screen is concerned: note text lives only in React state and in the query
 * cache under the reader's id; it is never put in storage or the URL, there is no saved draft, the cache
 * entry goes as soon as nothing shows it (gcTime 0), and a change of profile removes every note query
 * (see afterProfileChange). The panel is keyed by the reader, so nothing typed survives a switch.
 */
export function NotesPanel({ session, reader }: { session: CoachingSession; reader: ReviewerProfile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = notesKey(session.id, reader.id);
  const notes = useQuery({
    queryKey: key,
    queryFn: () => api.coaching.notes({ sessionId: session.id }),
    gcTime: 0,
  });
  // Through the observer, not by key: a profile event (setting a passphrase sends one) may have removed
  // the query from the cache meanwhile (afterProfileChange), and invalidating a key that is gone
  // refetches nothing; the observer's refetch builds the query anew. A note just added then shows.
  const refresh = () => notes.refetch();
  /** The backend says the reader is locked (the idle timer may have run out since the profile list was read). */
  const onLocked = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: PROFILES_KEY }),
    [queryClient],
  );
  const locked = notes.isError && errorCode(notes.error) === 'locked';
  // Let the whole app know (the profile list then says locked, and the unlock screen takes over).
  useEffect(() => {
    if (locked) onLocked();
  }, [locked, onLocked]);
  const state = notes.isPending ? 'loading' : locked ? 'locked' : notes.isError ? 'error' : 'ready';

  return (
    <Card withBorder data-testid="coaching-notes" data-state={state} style={{ position: 'sticky', top: 72 }}>
      <Stack gap="sm">
        <div>
          <Title order={4}>{t('coaching.notes.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('coaching.notes.intro')}
          </Text>
        </div>
        {notes.isPending ? (
          <Loader size="sm" />
        ) : locked ? (
          <UnlockPrompt reader={reader} onUnlocked={() => void refresh()} />
        ) : notes.isError ? (
          <Alert color="red">{t('errors.generic', { message: notes.error.message })}</Alert>
        ) : notes.data.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="notes-empty">
            {t('coaching.notes.none')}
          </Text>
        ) : (
          notes.data.map((note) => (
            <NoteCard
              key={note.id}
              note={note}
              own={note.author.id === reader.id}
              onChanged={refresh}
              onLocked={onLocked}
            />
          ))
        )}
        {!locked && <AddNote session={session} reader={reader} onAdded={refresh} onLocked={onLocked} />}
      </Stack>
    </Card>
  );
}
