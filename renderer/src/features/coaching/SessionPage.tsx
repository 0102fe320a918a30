import { Alert, Grid, Loader, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { EditConflictDialog } from '../../app/conflict/EditConflictDialog';
import { RequireProfile } from '../profiles/RequireProfile';
import { sessionPermissions } from './coaching-logic';
import { ActionItems } from './ActionItems';
import { FocusItems } from './FocusItems';
import { LinkedEvaluations } from './LinkedEvaluations';
import { LinkedMoments } from './LinkedMoments';
import { LinkedMysteryShops } from './LinkedMysteryShops';
import { NotesPanel } from './NotesPanel';
import { SessionHeader } from './SessionHeader';
import { SessionTexts, useSessionTexts } from './SessionTexts';
import { useCoachingSession, useSessionWrites } from './useCoaching';

/**
 * `/coaching/:id`: one session as the coach holds it, and as everyone else reads it. The coach prepares
 * (focus, evaluations, moments, talking points), plays the moments during the meeting, agrees actions,
 * sets the follow-up and the outcome, and closes it; notes sit beside it, private ones for their author.
 */
export function SessionPage() {
  const id = Number(useParams().id);
  return <RequireProfile>{(reviewer) => <SessionLoader id={id} reader={reviewer} />}</RequireProfile>;
}

function SessionLoader({ id, reader }: { id: number; reader: ReviewerProfile }) {
  const { t } = useTranslation();
  const session = useCoachingSession(id);
  // Counted up when the coach takes the session as saved elsewhere: the view starts over from it.
  const [generation, setGeneration] = useState(0);
  if (session.isPending) return <Loader />;
  if (session.isError)
    return <Alert color="red">{t('errors.generic', { message: session.error.message })}</Alert>;
  // Keyed by session: the text fields start from this session's saved text.
  return (
    <SessionView
      key={`${session.data.id}:${generation}`}
      session={session.data}
      reader={reader}
      onStartOver={() => setGeneration((n) => n + 1)}
    />
  );
}

function SessionView({
  session,
  reader,
  onStartOver,
}: {
  session: CoachingSession;
  reader: ReviewerProfile;
  onStartOver: () => void;
}) {
  const permissions = sessionPermissions(session);
  const writes = useSessionWrites(session);
  const texts = useSessionTexts(session, writes);
  const seeTheirs = async () => {
    await texts.cancel();
    writes.seeTheirs();
    onStartOver();
  };
  const keepMine = async () => {
    await writes.keepMine();
    await texts.flush();
  };

  return (
    <Stack
      gap="md"
      data-testid="coaching-session"
      data-state={session.state}
      data-editable={session.editable}
      data-save-state={texts.saveStatus.state}
      data-session-id={session.id}
    >
      <EditConflictDialog
        conflict={writes.conflict}
        what="session"
        onSeeTheirs={seeTheirs}
        onKeepMine={keepMine}
      />
      <SessionHeader session={session} permissions={permissions} writes={writes} texts={texts} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <FocusItems session={session} editable={permissions.edit} writes={writes} />
            <LinkedEvaluations session={session} editable={permissions.edit} writes={writes} />
            <LinkedMoments session={session} editable={permissions.edit} writes={writes} />
            <LinkedMysteryShops session={session} editable={permissions.edit} writes={writes} />
            <SessionTexts field="talkingPoints" session={session} texts={texts} editable={permissions.edit} />
            <ActionItems session={session} permissions={permissions} writes={writes} />
            <SessionTexts field="outcome" session={session} texts={texts} editable={permissions.edit} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {/* Keyed by the reader: a half-written note never survives a change of profile. */}
          <NotesPanel key={reader.id} session={session} reader={reader} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
