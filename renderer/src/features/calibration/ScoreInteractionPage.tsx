import { Alert, Anchor, Badge, Box, Button, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { InteractionDetail } from '../../../../shared/api';
import type { CalibrationSession } from '../../../../shared/api/methods/calibration';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { SaveStateLabel } from '../../app/autosave/SaveStateLabel';
import { api } from '../../api/client';
import { ScoreBar } from '../evaluation/ScoreBar';
import { ScoredItems, type ScoredItemsHandle } from '../evaluation/ScoredItems';
import { CallWorkspace } from '../review/call/CallWorkspace';
import { TranscriptOnlyWorkspace } from '../review/call/TranscriptOnlyWorkspace';
import { ChatWorkspace } from '../review/chat/ChatWorkspace';
import { calibrationKey } from './calibration-keys';
import { withoutAgentName } from './hide-agent';
import { interactionName } from './interaction-name';
import { useCalibrationAnswers } from './useCalibrationAnswers';

/**
 * `/calibration/:id/score/:interactionId`: a participant scores one of the session's calls or chats
 * blind, with the evaluation form's items and keys, beside the call or chat. The answers are the
 * session's (autosaved there), never an evaluation of the agent.
 */
export function ScoreInteractionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const interactionId = Number(useParams().interactionId);
  const session = useQuery({ queryKey: calibrationKey(id), queryFn: () => api.calibration.get({ id }) });
  const interaction = useQuery({
    queryKey: ['interaction', interactionId],
    queryFn: () => api.interaction.get({ id: interactionId }),
  });
  if (session.isPending || interaction.isPending) return <Loader />;
  const error = session.error ?? interaction.error;
  if (error) return <Alert color="red">{t('errors.generic', { message: error.message })}</Alert>;
  return <ScoreForm key={`${id}:${interactionId}`} session={session.data!} interaction={interaction.data!} />;
}

function ScoreForm({
  session,
  interaction: stored,
}: {
  session: CalibrationSession;
  interaction: InteractionDetail;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useRef<ScoredItemsHandle>(null);
  const saved = session.myAnswers.find((entry) => entry.interactionId === stored.id)?.answers ?? [];
  const draft = useCalibrationAnswers(session.id, stored.id, saved);
  const answers = useMemo(() => [...draft.answers.values()], [draft.answers]);
  const breakdown = useMemo(
    () => scoreEvaluation(session.rubricContent, answers),
    [session.rubricContent, answers],
  );
  const index = session.interactions.findIndex((entry) => entry.id === stored.id);
  const shown = session.interactions[index];
  const next = session.interactions[index + 1];
  // The session hides the agent from this participant (not from the manager who set it up).
  const agentHidden = session.hideAgent && (shown === undefined || shown.agentName === null);
  const title = shown ? interactionName(shown, session.hideAgent, t) : stored.title;
  const interaction = useMemo(
    () => (agentHidden ? withoutAgentName(stored, `[${t('review.agent')}]`, title) : stored),
    [agentHidden, stored, t, title],
  );
  const readOnly =
    session.state === 'revealed' || session.mine.submittedAt !== null || !session.mine.participant;

  const leave = async (to: string) => {
    await draft.whenSaved().catch(() => {});
    await queryClient.invalidateQueries({ queryKey: calibrationKey(session.id) });
    void navigate(to);
  };
  const done = () => {
    if (!breakdown.complete) {
      const first = breakdown.unansweredItemIds[0] ?? breakdown.missingCommentItemIds[0];
      if (first) list.current?.focusItem(first);
      return;
    }
    void leave(next ? `/calibration/${session.id}/score/${next.id}` : `/calibration/${session.id}`);
  };

  // No moments while scoring: a moment is a library moment everyone sees, so one pinned here (or
  // anyone's shown here) could hint at an answer before the reveal.
  const workspace: ReactNode =
    interaction.kind === 'chat' ? (
      <ChatWorkspace interaction={interaction} moments={false} />
    ) : interaction.recording ? (
      <CallWorkspace interaction={interaction} recording={interaction.recording} moments={false} />
    ) : (
      <TranscriptOnlyWorkspace interaction={interaction} moments={false} />
    );

  return (
    <Stack gap="sm" data-testid="calibration-score" data-state="ready" data-interaction-id={interaction.id}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor component={Link} to={`/calibration/${session.id}`} size="sm">
            {t('calibration.score.back', { name: session.name })}
          </Anchor>
          <Group gap="xs">
            <Title order={3} data-testid="calibration-score-title">
              {title}
            </Title>
            <Badge variant="light">
              {t('calibration.score.position', { n: index + 1, of: session.interactions.length })}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" data-testid="calibration-score-hint">
            {agentHidden ? t('calibration.score.blindHidden') : t('calibration.score.blind')}{' '}
            {t('calibration.score.noMoments')}
          </Text>
        </Stack>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>{workspace}</Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="sm" data-testid="calibration-form" data-key-place="form">
            <Group justify="space-between">
              <Text fw={600}>
                {session.rubric.name} · {t('rubrics.versionLabel', { version: session.rubric.version })}
              </Text>
              {!readOnly && <SaveStateLabel status={draft.saveStatus} testId="calibration-save-state" />}
            </Group>
            <Box style={{ position: 'sticky', top: 'var(--app-shell-header-offset, 0px)', zIndex: 2 }}>
              <ScoreBar breakdown={breakdown} />
            </Box>
            <ScoredItems
              ref={list}
              rubric={session.rubricContent}
              answers={draft.answers}
              breakdown={breakdown}
              readOnly={readOnly}
              moments={[]}
              autoFocus
              onValue={draft.setValue}
              onComment={draft.setComment}
              onMoments={() => {}}
              onSubmit={done}
            />
            {!readOnly && (
              <Group justify="flex-end">
                <Button onClick={done} data-testid="calibration-next">
                  {next ? t('calibration.score.next') : t('calibration.score.finish')}
                </Button>
              </Group>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
