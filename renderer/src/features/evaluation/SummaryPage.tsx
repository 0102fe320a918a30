import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { explainScore } from '../../../../shared/rubric/explain';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { useSessionAccount } from '../account/account-context';
import { AgentResponseNote, EarlierResponses } from './AgentResponse';
import { answerLabel } from './answer-label';
import { AnswerEvaluation } from './AnswerEvaluation';
import { evaluationKey } from './EvaluationSheet';
import { StepText } from './ScoreExplanation';
import { formatPercent, formatPoints, ResultBadge } from './score-format';
import '../../app/printout.css';

/**
 * `/evaluation/:id/summary`: the evaluation for the agent, made to be printed or saved as PDF (the
 * print stylesheet in ../../app/printout.css leaves only this on the page): the call, who scored it on which
 * rubric version, the result, the section scores side by side, every item with its answer, points and
 * comment, the overall comment, and how the score is calculated.
 */
export function SummaryPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const detail = useQuery({
    queryKey: evaluationKey(id),
    queryFn: () => api.evaluation.get({ id }),
    enabled: Number.isInteger(id) && id > 0,
  });
  if (detail.isPending) return <Loader />;
  if (detail.isError)
    return <Alert color="red">{t('errors.generic', { message: detail.error.message })}</Alert>;
  return <Summary detail={detail.data} />;
}

function Summary({ detail }: { detail: EvaluationDetail }) {
  const { t, i18n } = useTranslation();
  // An agent's account reads (and answers) its own evaluations; everyone else reads them as reviewers.
  const account = useSessionAccount();
  const ownAgentId = account?.role === 'agent' ? (account.agent?.id ?? null) : null;
  const breakdown = scoreEvaluation(detail.rubric, detail.answers);
  const { steps, items: impacts } = explainScore(breakdown);
  const impactOf = new Map(impacts.map((impact) => [impact.itemId, impact]));
  const answerOf = new Map(detail.answers.map((answer) => [answer.itemId, answer]));

  // The printed or saved PDF is named after the agent and the call.
  useEffect(() => {
    const previous = document.title;
    document.title = t('evaluation.summary.documentTitle', {
      agent: detail.agentName ?? '–',
      title: detail.interactionTitle,
    });
    return () => {
      document.title = previous;
    };
  }, [detail.agentName, detail.interactionTitle, t]);

  return (
    <Stack className="printout" maw={900} gap="md" data-testid="evaluation-summary" data-state="ready">
      <Group justify="space-between" data-print="hide">
        {/* An agent does not open the library: their way back is their own page. */}
        {ownAgentId !== null ? (
          <Anchor component={Link} to={`/agents/${ownAgentId}`} size="sm" data-testid="summary-back">
            ← {t('evaluation.summary.backOwn')}
          </Anchor>
        ) : (
          <Anchor
            component={Link}
            to={`/interaction/${detail.interactionId}/evaluate?evaluation=${detail.id}`}
            size="sm"
            data-testid="summary-back"
          >
            ← {t('evaluation.summary.back')}
          </Anchor>
        )}
        <Button size="xs" onClick={() => window.print()} data-testid="summary-print">
          {t('evaluation.summary.print')}
        </Button>
      </Group>

      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {t('evaluation.summary.heading')}
        </Text>
        <Title order={2} data-testid="summary-agent">
          {detail.agentName ?? t('evaluation.summary.unknownAgent')}
        </Title>
        <Text size="sm">
          {detail.interactionTitle} · {t(`library.kind.${detail.interactionKind}`)} ·{' '}
          {formatDateTime(detail.startedAt, i18n.language)}
          {detail.teamName && ` · ${detail.teamName}`}
        </Text>
        <Text size="sm" c="dimmed">
          {t('evaluation.summary.scoredBy', {
            name: detail.reviewer.name,
            role: t(`profiles.roles.${detail.reviewer.role}`),
            rubric: detail.rubricName,
            version: detail.rubricVersion,
          })}
          {' · '}
          {detail.state === 'submitted'
            ? t('evaluation.summary.submittedAt', { at: formatDateTime(detail.submittedAt, i18n.language) })
            : t('evaluation.summary.notSubmitted')}
        </Text>
      </Stack>

      {detail.agentResponse ? (
        <AgentResponseNote response={detail.agentResponse} />
      ) : (
        ownAgentId !== null && detail.state === 'submitted' && <AnswerEvaluation detail={detail} />
      )}
      <EarlierResponses responses={detail.earlierResponses} />

      <Paper withBorder p="md" className="printout-keep">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <SimpleGrid cols={Math.min(breakdown.sections.length, 3)} spacing="lg" style={{ flex: 1 }}>
            {breakdown.sections.map((section) => (
              <Stack key={section.sectionId} gap={0} data-testid="summary-section-score">
                <Text size="sm" fw={600}>
                  {section.title}
                </Text>
                <Text size="xl" fw={800}>
                  {formatPercent(section.percent, i18n.language)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('evaluation.points', {
                    earned: formatPoints(section.earned, i18n.language),
                    possible: formatPoints(section.possible, i18n.language),
                  })}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Stack gap={4} align="flex-end">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('evaluation.overall')}
            </Text>
            <Text fz={32} fw={800} lh={1} data-testid="summary-percent">
              {formatPercent(breakdown.overall.percent, i18n.language)}
            </Text>
            <ResultBadge result={breakdown.overall.result} size="lg" />
            <Text size="xs" c="dimmed" data-testid="summary-pass-mark">
              {t('evaluation.passMark', {
                percent: formatPercent(breakdown.overall.passMark, i18n.language),
              })}
            </Text>
          </Stack>
        </Group>
      </Paper>

      {detail.rubric.sections.map((section) => (
        <Card withBorder key={section.id} className="printout-keep" p="sm">
          <Title order={4} mb={4}>
            {section.title}
          </Title>
          <Table className="summary-items" verticalSpacing={4} horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.summary.item')}</Table.Th>
                <Table.Th w={170}>{t('evaluation.summary.answer')}</Table.Th>
                <Table.Th w={90} ta="right">
                  {t('evaluation.summary.points')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {section.items.map((item) => {
                const answer = answerOf.get(item.id);
                const impact = impactOf.get(item.id);
                return (
                  <Table.Tr key={item.id} data-testid="summary-item">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {item.title}
                        {item.critical && (
                          <Text span size="xs" c="red" fw={700}>
                            {' '}
                            · {t('evaluation.critical')}
                          </Text>
                        )}
                      </Text>
                      {answer?.comment && (
                        <Text
                          size="sm"
                          c="dimmed"
                          fs="italic"
                          pl={8}
                          mt={2}
                          style={{
                            whiteSpace: 'pre-wrap',
                            borderLeft: '2px solid var(--mantine-color-gray-4)',
                          }}
                        >
                          {answer.comment}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c={impact?.criticalFail ? 'red' : undefined}
                        fw={impact?.criticalFail ? 700 : 400}
                      >
                        {answerLabel(item, answer?.value ?? null, t)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">
                        {impact?.status === 'counted'
                          ? `${formatPoints(impact.earned, i18n.language)} / ${formatPoints(impact.possible, i18n.language)}`
                          : '–'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      ))}

      {detail.overallComment && (
        <Card withBorder className="printout-keep" p="sm">
          <Title order={4} mb={4}>
            {t('evaluation.overallComment')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="summary-overall-comment">
            {detail.overallComment}
          </Text>
        </Card>
      )}

      <Card withBorder className="printout-keep" p="sm">
        <Title order={4} mb={4}>
          {t('evaluation.explain.title')}
        </Title>
        <Text size="xs" c="dimmed" mb={4}>
          {t('evaluation.explain.rule')}
        </Text>
        <List size="sm" spacing={2}>
          {steps.map((step, index) => (
            <List.Item key={index}>
              <StepText step={step} />
            </List.Item>
          ))}
        </List>
      </Card>
    </Stack>
  );
}
