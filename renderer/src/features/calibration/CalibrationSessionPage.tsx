import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CalibrationSession } from '../../../../shared/api/methods/calibration';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { formatDateTime } from '../../app/format';
import { api } from '../../api/client';
import { useCurrentReviewer } from '../profiles/useProfiles';
import { calibrationKey, calibrationListKey } from './calibration-keys';
import { interactionName } from './interaction-name';
import { ResultsView } from './ResultsView';

/**
 * `/calibration/:id`: a session. A participant sees their interactions with how far they have scored
 * each, and hands in; a QA manager sees who has handed in and reveals (or closes without who is
 * missing). Once revealed, the result is shown here for everyone in it.
 */
export function CalibrationSessionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const session = useQuery({ queryKey: calibrationKey(id), queryFn: () => api.calibration.get({ id }) });
  if (session.isPending) return <Loader />;
  if (session.isError)
    return <Alert color="red">{t('errors.generic', { message: session.error.message })}</Alert>;
  return <SessionView session={session.data} />;
}

function SessionView({ session }: { session: CalibrationSession }) {
  const { t, i18n } = useTranslation();
  const reviewer = useCurrentReviewer();
  const manager = reviewer?.role === 'qa_manager' || reviewer?.role === 'admin';
  const handedIn = session.participants.filter((p) => p.submittedAt !== null).length;
  return (
    <Stack
      gap="md"
      maw={1180}
      data-testid="calibration-session"
      data-state="ready"
      data-session-state={session.state}
      data-handed-in={handedIn}
    >
      <Stack gap={2}>
        <Group gap="xs">
          <Title order={2}>{session.name}</Title>
          <Badge
            variant="light"
            color={session.state === 'revealed' ? 'teal' : 'gray'}
            data-testid="calibration-state"
          >
            {t(`calibration.state.${session.state}`)}
          </Badge>
          {session.hideAgent && (
            <Badge variant="outline" color="gray">
              {t('calibration.session.agentHidden')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('calibration.session.meta', {
            rubric: session.rubric.name,
            version: session.rubric.version,
            by: session.createdBy.name,
            at: formatDateTime(session.createdAt, i18n.language),
          })}
        </Text>
      </Stack>
      {session.state === 'revealed' ? (
        <ResultsView sessionId={session.id} manager={manager} />
      ) : (
        <>
          {session.mine.participant ? <MyPart session={session} /> : <Interactions session={session} />}
          <Participants session={session} manager={manager} />
        </>
      )}
    </Stack>
  );
}

function MyPart({ session }: { session: CalibrationSession }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const submitted = session.mine.submittedAt !== null;
  const progress = session.interactions.map((interaction) => {
    const answers = session.myAnswers.find((entry) => entry.interactionId === interaction.id)?.answers ?? [];
    const breakdown = scoreEvaluation(session.rubricContent, answers);
    return {
      interaction,
      complete: breakdown.complete,
      answered: answers.filter((a) => a.value !== null).length,
    };
  });
  const items = session.rubricContent.sections.reduce((sum, section) => sum + section.items.length, 0);
  const ready = progress.every((entry) => entry.complete);
  const submit = useMutation({
    mutationFn: () => api.calibration.submit({ id: session.id }),
    onSuccess: (next) => {
      queryClient.setQueryData(calibrationKey(session.id), next);
      void queryClient.invalidateQueries({ queryKey: calibrationListKey });
    },
  });
  return (
    <Card withBorder data-testid="calibration-mine" data-submitted={submitted}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Stack gap={0}>
            <Text fw={600}>{t('calibration.mine.title')}</Text>
            <Text size="sm" c="dimmed">
              {submitted ? t('calibration.mine.submitted') : t('calibration.mine.intro')}
            </Text>
          </Stack>
          {!submitted && (
            <Button
              onClick={() => submit.mutate()}
              disabled={!ready}
              loading={submit.isPending}
              data-testid="calibration-submit"
            >
              {t('calibration.mine.submit')}
            </Button>
          )}
        </Group>
        {submit.isError && <Alert color="red">{submit.error.message}</Alert>}
        <Table verticalSpacing={6}>
          <Table.Tbody>
            {progress.map(({ interaction, complete, answered }) => (
              <Table.Tr key={interaction.id} data-testid="calibration-interaction" data-complete={complete}>
                <Table.Td>
                  <Text size="sm">{interactionName(interaction, session.hideAgent, t)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={complete ? 'teal' : answered > 0 ? 'yellow' : 'gray'}>
                    {complete
                      ? t('calibration.mine.complete')
                      : t('calibration.mine.answered', { answered, items })}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant={complete ? 'default' : 'filled'}
                    component={Link}
                    to={`/calibration/${session.id}/score/${interaction.id}`}
                    data-testid="calibration-score-open"
                  >
                    {submitted ? t('calibration.mine.view') : t('calibration.mine.score')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/** What the session scores, for a manager who does not score in it (with the agents: they set it up). */
function Interactions({ session }: { session: CalibrationSession }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="calibration-interactions-list">
      <Stack gap="xs">
        <Text fw={600}>{t('calibration.session.interactions')}</Text>
        {session.interactions.map((interaction) => (
          <Text size="sm" key={interaction.id}>
            {interactionName(interaction, false, t)}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

function Participants({ session, manager }: { session: CalibrationSession; manager: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState(false);
  const waiting = session.participants.filter((p) => p.submittedAt === null);
  const reveal = useMutation({
    mutationFn: (closeMissing: boolean) => api.calibration.reveal({ id: session.id, closeMissing }),
    onSuccess: (next) => {
      setClosing(false);
      queryClient.setQueryData(calibrationKey(session.id), next);
      void queryClient.invalidateQueries({ queryKey: calibrationListKey });
    },
  });
  return (
    <Card withBorder data-testid="calibration-participants">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Text fw={600}>{t('calibration.participants.title')}</Text>
            <Text size="sm" c="dimmed" maw={620}>
              {t('calibration.participants.blind')}
            </Text>
          </Stack>
          {manager && (
            <Group>
              {waiting.length > 0 && (
                <Button variant="default" onClick={() => setClosing(true)} data-testid="calibration-close">
                  {t('calibration.participants.close')}
                </Button>
              )}
              <Button
                onClick={() => reveal.mutate(false)}
                disabled={waiting.length > 0}
                loading={reveal.isPending && !closing}
                data-testid="calibration-reveal"
              >
                {t('calibration.participants.reveal')}
              </Button>
            </Group>
          )}
        </Group>
        {reveal.isError && <Alert color="red">{reveal.error.message}</Alert>}
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {session.participants.map((p) => (
              <Table.Tr
                key={p.reviewer.id}
                data-testid="calibration-participant"
                data-name={p.reviewer.name}
                data-submitted={p.submittedAt !== null}
              >
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm">{p.reviewer.name}</Text>
                    {p.expert && (
                      <Badge size="xs" variant="light" color="indigo">
                        {t('calibration.expert')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={p.submittedAt ? undefined : 'dimmed'}>
                    {p.submittedAt
                      ? t('calibration.participants.handedIn', {
                          at: formatDateTime(p.submittedAt, i18n.language),
                        })
                      : t('calibration.participants.scoring')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" data-testid="calibration-handed-in">
          {t('calibration.participants.count', {
            done: session.participants.length - waiting.length,
            total: session.participants.length,
          })}
        </Text>
      </Stack>
      <ConfirmDialog
        opened={closing}
        title={t('calibration.participants.closeTitle')}
        confirmLabel={t('calibration.participants.closeConfirm')}
        cancelLabel={t('calibration.participants.closeCancel')}
        color="orange"
        onConfirm={() => reveal.mutateAsync(true)}
        onCancel={() => setClosing(false)}
        testId="calibration-close-dialog"
      >
        <Text size="sm">
          {t('calibration.participants.closeBody', {
            count: waiting.length,
            names: waiting.map((p) => p.reviewer.name).join(', '),
          })}
        </Text>
      </ConfirmDialog>
    </Card>
  );
}
