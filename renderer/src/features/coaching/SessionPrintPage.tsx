import {
  Alert,
  Anchor,
  Blockquote,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { formatDateTime } from '../../app/format';
import { momentPlace } from '../agents/where';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { RequireProfile } from '../profiles/RequireProfile';
import { sortActions } from './coaching-logic';
import { formatDay } from './format';
import { useCoachingSession } from './useCoaching';
import '../../app/printout.css';

/**
 * `/coaching/:id/print`: the session for the agent to take away, made to be printed or saved as PDF (the
 * print stylesheet in ../../app/printout.css leaves only this on the page): who met when, what to work on, the
 * evaluations, moments and mystery shops gone through (the reviewers' words, not the audio), the actions
 * agreed with who does them by when, the follow-up and the outcome.
 *
 * Never any note, private or shared: the page does not even ask for them. Nor the talking points: they
 * are the coach's preparation, not what was agreed with the agent.
 */
export function SessionPrintPage() {
  const id = Number(useParams().id);
  return <RequireProfile>{() => <PrintLoader id={id} />}</RequireProfile>;
}

function PrintLoader({ id }: { id: number }) {
  const { t } = useTranslation();
  const session = useCoachingSession(id);
  if (session.isPending) return <Loader />;
  if (session.isError)
    return <Alert color="red">{t('errors.generic', { message: session.error.message })}</Alert>;
  return <Printout session={session.data} />;
}

function Printout({ session }: { session: CoachingSession }) {
  const { t, i18n } = useTranslation();

  // The printed or saved PDF is named after the agent and the day.
  useEffect(() => {
    const previous = document.title;
    document.title = t('coaching.print.documentTitle', { agent: session.agent.name, date: session.heldOn });
    return () => {
      document.title = previous;
    };
  }, [session.agent.name, session.heldOn, t]);

  return (
    <Stack className="printout" maw={900} gap="md" data-testid="coaching-printout" data-state="ready">
      <Group justify="space-between" data-print="hide">
        <Anchor component={Link} to={`/coaching/${session.id}`} size="sm">
          ← {t('coaching.print.back')}
        </Anchor>
        <Button size="xs" onClick={() => window.print()} data-testid="printout-print">
          {t('coaching.print.print')}
        </Button>
      </Group>

      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {t('coaching.print.heading')}
        </Text>
        <Title order={2} data-testid="printout-agent">
          {session.agent.name}
        </Title>
        <Text size="sm" data-testid="printout-when">
          {[
            session.agent.teamName,
            // A session still planned has not been held yet: the printout (an agenda, then) says so.
            t(session.state === 'planned' ? 'coaching.print.plannedFor' : 'coaching.print.heldOn', {
              date: formatDay(session.heldOn, i18n.language),
            }),
            t('coaching.session.coachedBy', { coach: session.coach.name }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text size="sm" fw={600} data-testid="printout-follow-up">
          {session.followUpOn
            ? t('coaching.print.followUp', { date: formatDay(session.followUpOn, i18n.language) })
            : t('coaching.print.noFollowUp')}
        </Text>
      </Stack>

      {session.focusItems.length > 0 && (
        <PrintSection title={t('coaching.focus.title')} testId="printout-focus">
          <Stack gap={4} component="ol" m={0} pl="lg">
            {session.focusItems.map((item) => (
              <Text component="li" size="sm" key={item.itemId}>
                <Text span fw={600}>
                  {item.title}
                </Text>
                {item.sectionTitle && (
                  <Text span c="dimmed" size="xs">
                    {' · '}
                    {item.sectionTitle}
                  </Text>
                )}
              </Text>
            ))}
          </Stack>
        </PrintSection>
      )}

      {session.evaluations.length > 0 && <PrintEvaluations session={session} />}
      {session.moments.length > 0 && <PrintMoments session={session} />}
      {session.mysteryShops.length > 0 && <PrintMysteryShops session={session} />}
      <PrintActions session={session} />

      <PrintSection title={t('coaching.outcome.title')} testId="printout-outcome">
        <Text size="sm" c={session.outcome ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
          {session.outcome || t('coaching.outcome.empty')}
        </Text>
      </PrintSection>
    </Stack>
  );
}

function PrintSection({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" className="printout-keep" data-testid={testId}>
      <Title order={4} mb={6}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function PrintEvaluations({ session }: { session: CoachingSession }) {
  const { t, i18n } = useTranslation();
  return (
    <PrintSection title={t('coaching.evaluations.title')} testId="printout-evaluations">
      <Stack gap={0}>
        {session.evaluations.map((evaluation, index) => (
          <Group
            key={evaluation.id}
            justify="space-between"
            wrap="nowrap"
            gap="sm"
            py={4}
            className="printout-keep"
            style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
            data-testid="printout-evaluation"
          >
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {evaluation.interactionTitle}
              </Text>
              <Text size="xs" c="dimmed">
                {evaluation.rubricName} ·{' '}
                {t('coaching.evaluations.submitted', {
                  at: formatDateTime(evaluation.submittedAt, i18n.language),
                })}
              </Text>
            </Stack>
            {/* Score and result never shrink: a cut-off "PASSED" would misinform. */}
            <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
              <Text size="sm" fw={700}>
                {formatPercent(evaluation.percent, i18n.language)}
              </Text>
              <ResultBadge result={evaluation.result} size="sm" />
            </Group>
          </Group>
        ))}
      </Stack>
    </PrintSection>
  );
}

/** The mystery shops gone through, each with its own score: the agency's test, not a QA evaluation. */
function PrintMysteryShops({ session }: { session: CoachingSession }) {
  const { t, i18n } = useTranslation();
  return (
    <PrintSection title={t('mysteryApart.coaching.title')} testId="printout-mystery-shops">
      <Stack gap={0}>
        {session.mysteryShops.map((shop, index) => (
          <Group
            key={shop.id}
            justify="space-between"
            wrap="nowrap"
            gap="sm"
            py={4}
            className="printout-keep"
            style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
            data-testid="printout-mystery-shop"
          >
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {shop.scenario}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(shop.occurredAt, i18n.language)} · {shop.shopId}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
              <Text size="sm" fw={700}>
                {formatPercent(shop.percent, i18n.language)}
              </Text>
              <ResultBadge result={shop.result} size="sm" />
            </Group>
          </Group>
        ))}
      </Stack>
    </PrintSection>
  );
}

/** What was said about each moment; a chat message or transcript turn is quoted, since paper has no audio. */
function PrintMoments({ session }: { session: CoachingSession }) {
  const { t } = useTranslation();
  return (
    <PrintSection title={t('coaching.moments.title')} testId="printout-moments">
      <Stack gap="xs">
        {session.moments.map((moment, index) => (
          <Stack gap={2} key={moment.id} className="printout-keep" data-testid="printout-moment">
            <Text size="sm">
              <Text span fw={600}>
                {index + 1}. {moment.interactionTitle}
              </Text>
              <Text span size="xs" c="dimmed">
                {' · '}
                {[t(`library.kind.${moment.interactionKind}`), momentPlace(t, moment)]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Text>
            <Text
              size="sm"
              pl="md"
              c={moment.comment ? undefined : 'dimmed'}
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {moment.comment || t('agents.moments.noComment')}
            </Text>
            {moment.turnText && (
              <Blockquote
                color="gray"
                p={6}
                pl="xs"
                ml="md"
                fz="xs"
                fs="italic"
                style={{ whiteSpace: 'pre-wrap' }}
              >
                {moment.turnText}
              </Blockquote>
            )}
          </Stack>
        ))}
      </Stack>
    </PrintSection>
  );
}

function PrintActions({ session }: { session: CoachingSession }) {
  const { t, i18n } = useTranslation();
  return (
    <PrintSection title={t('coaching.actions.title')} testId="printout-actions">
      {session.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('coaching.actions.none')}
        </Text>
      ) : (
        <Table verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('coaching.actions.text')}</Table.Th>
              <Table.Th w={200}>{t('coaching.actions.ownerLabel')}</Table.Th>
              <Table.Th w={130}>{t('coaching.actions.due')}</Table.Th>
              <Table.Th w={110}>{t('coaching.print.done')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sortActions(session.actions).map((action) => (
              <Table.Tr key={action.id} data-testid="printout-action">
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {action.text}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {action.owner === 'agent'
                      ? t('coaching.actions.ownerShort.agent', { agent: session.agent.name })
                      : t('coaching.actions.ownerShort.coach', { coach: session.coach.name })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDay(action.dueOn, i18n.language)}</Text>
                </Table.Td>
                <Table.Td>
                  {/* An empty box to tick on paper until it is done. */}
                  <Text size="sm">
                    {action.doneAt ? `✓ ${formatDay(action.doneAt.slice(0, 10), i18n.language)}` : '☐'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </PrintSection>
  );
}
