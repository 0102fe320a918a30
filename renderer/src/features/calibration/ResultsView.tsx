import {
  Alert,
  Badge,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  CalibrationResults,
  CriterionAgreement,
  ParticipantDeviation,
} from '../../../../shared/api/methods/calibration';
import type { AnswerValue } from '../../../../shared/rubric/answers';
import type { RubricItem } from '../../../../shared/rubric/schema';
import { api } from '../../api/client';
import { answerChoices } from '../evaluation/answer-choices';
import { answerLabel, sameAnswer } from '../evaluation/answer-label';
import { formatPercent } from '../evaluation/score-format';
import { AlphaText, KappaText, leanPercent, sharePercent } from './AgreementText';
import { resultsKey } from './calibration-keys';
import { interactionName } from './interaction-name';

/**
 * A revealed session's result: the overall agreement, each participant's lean from the reference
 * (strictest and most lenient, and over time), and per criterion everyone's answer on every
 * interaction with the spread and the agreement figures, each said in plain words.
 */
export function ResultsView({ sessionId, manager }: { sessionId: number; manager: boolean }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: resultsKey(sessionId),
    queryFn: () => api.calibration.results({ id: sessionId }),
  });
  if (results.isPending) return <Loader />;
  if (results.isError)
    return <Alert color="red">{t('errors.generic', { message: results.error.message })}</Alert>;
  const { data } = results;
  return (
    <Stack gap="md" data-testid="calibration-results" data-state="ready">
      <Overall results={data} />
      <Deviations results={data} />
      <Title order={3}>{t('calibration.criteria.title')}</Title>
      {data.figures.criteria.map((criterion) => (
        <Criterion key={criterion.itemId} results={data} criterion={criterion} manager={manager} />
      ))}
    </Stack>
  );
}

function Overall({ results }: { results: CalibrationResults }) {
  const { t, i18n } = useTranslation();
  const { figures, session } = results;
  return (
    <Card withBorder data-testid="calibration-overall">
      <Stack gap="xs">
        <Text fw={600}>{t('calibration.overall.title')}</Text>
        {session.missing.length > 0 && (
          <Alert color="orange" p="xs" data-testid="calibration-missing" data-count={session.missing.length}>
            {t('calibration.overall.missing', {
              count: session.missing.length,
              names: session.missing.map((m) => m.name).join(', '),
            })}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t('calibration.overall.counted', {
            count: results.counted.length,
            interactions: session.interactions.length,
            criteria: figures.criteria.length,
          })}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('calibration.overall.answers')}
            </Text>
            <AlphaText figure={figures.alpha} testId="overall-alpha" />
            <KappaText figure={figures.kappa} testId="overall-kappa" />
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('calibration.overall.scores')}
            </Text>
            <AlphaText figure={figures.scoreAlpha} testId="overall-score-alpha" />
            <Text size="sm">
              {t('calibration.overall.pairs', { share: sharePercent(figures.pairAgreement, i18n.language) })}
            </Text>
          </Stack>
        </SimpleGrid>
        <Table verticalSpacing={2} data-testid="calibration-scores">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calibration.overall.interaction')}</Table.Th>
              {results.counted.map((p) => (
                <Table.Th key={p.id}>{p.name}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {figures.scores.map((row) => {
              const interaction = session.interactions.find((i) => i.id === row.interactionId)!;
              return (
                <Table.Tr key={row.interactionId}>
                  <Table.Td>
                    <Text size="sm">{interactionName(interaction, session.hideAgent, t)}</Text>
                  </Table.Td>
                  {row.byParticipant.map((cell) => (
                    <Table.Td key={cell.participantId}>
                      <Text size="sm">{formatPercent(cell.percent, i18n.language)}</Text>
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

function Deviations({ results }: { results: CalibrationResults }) {
  const { t, i18n } = useTranslation();
  const { figures, session } = results;
  const reference =
    session.expert && results.counted.some((p) => p.id === session.expert!.id) ? 'expert' : 'consensus';
  const row = (deviation: ParticipantDeviation) => {
    const person = results.counted.find((p) => p.id === deviation.participantId)!;
    const history = results.history.find((h) => h.reviewer.id === person.id)?.sessions ?? [];
    return (
      <Table.Tr
        key={person.id}
        data-testid="calibration-deviation"
        data-name={person.name}
        data-lean={deviation.lean ?? ''}
      >
        <Table.Td>
          <Group gap={6}>
            <Text size="sm">{person.name}</Text>
            {session.expert?.id === person.id && (
              <Badge size="xs" variant="light" color="indigo">
                {t('calibration.expert')}
              </Badge>
            )}
            {deviation.lean && (
              <Badge size="xs" color={deviation.lean === 'strictest' ? 'orange' : 'grape'}>
                {t(`calibration.lean.${deviation.lean}`)}
              </Badge>
            )}
          </Group>
          {deviation.against.others > 0 && (
            <Text size="xs" c="dimmed" data-testid="calibration-expert-basis">
              {deviation.against.others === deviation.compared
                ? t('calibration.deviation.expertBasisAll')
                : t('calibration.deviation.expertBasis', {
                    others: deviation.against.others,
                    count: deviation.compared,
                  })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm">{leanPercent(deviation.meanDeviation, i18n.language)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">
            {leanPercent(deviation.meanAbsoluteDeviation, i18n.language).replace('+', '')}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{sharePercent(deviation.matches, i18n.language)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="xs" c="dimmed" data-testid="calibration-history" data-sessions={history.length}>
            {history.length <= 1
              ? t('calibration.deviation.firstSession')
              : history.map((past) => leanPercent(past.meanDeviation, i18n.language)).join(' → ')}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  };
  return (
    <Card withBorder data-testid="calibration-deviations">
      <Stack gap="xs">
        <Text fw={600}>{t('calibration.deviation.title')}</Text>
        <Text size="sm" c="dimmed">
          {t(`calibration.deviation.intro.${reference}`)}
        </Text>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calibration.deviation.reviewer')}</Table.Th>
              <Table.Th>{t('calibration.deviation.lean')}</Table.Th>
              <Table.Th>{t('calibration.deviation.distance')}</Table.Th>
              <Table.Th>{t('calibration.deviation.matches')}</Table.Th>
              <Table.Th>{t('calibration.deviation.overTime')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{figures.deviations.map(row)}</Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

function Criterion({
  results,
  criterion,
  manager,
}: {
  results: CalibrationResults;
  criterion: CriterionAgreement;
  manager: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { session } = results;
  const item = session.rubricContent.sections.flatMap((s) => s.items).find((i) => i.id === criterion.itemId);
  return (
    <Card withBorder data-testid="calibration-criterion" data-item-id={criterion.itemId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Text fw={600}>{criterion.title}</Text>
            <Text size="xs" c="dimmed">
              {criterion.sectionTitle} · {t(`calibration.level.${criterion.level}`)}
            </Text>
          </Stack>
          <Text size="sm" c="dimmed">
            {t('calibration.criteria.pairs', { share: sharePercent(criterion.pairAgreement, i18n.language) })}
          </Text>
        </Group>
        <AlphaText figure={criterion.alpha} testId="criterion-alpha" />
        <KappaText figure={criterion.kappa} testId="criterion-kappa" />
        <Table verticalSpacing={2} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calibration.overall.interaction')}</Table.Th>
              {results.counted.map((p) => (
                <Table.Th key={p.id}>{p.name}</Table.Th>
              ))}
              <Table.Th>{t('calibration.criteria.spread')}</Table.Th>
              <Table.Th>{t('calibration.criteria.reference')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criterion.cells.map((cell) => {
              const interaction = session.interactions.find((i) => i.id === cell.interactionId)!;
              const shown = cell.agreed ?? cell.expert;
              return (
                <Table.Tr
                  key={cell.interactionId}
                  data-testid="calibration-cell"
                  data-distinct={cell.distinct}
                >
                  <Table.Td>
                    <Text size="sm">{interactionName(interaction, session.hideAgent, t)}</Text>
                  </Table.Td>
                  {cell.answers.map((answer) => (
                    <Table.Td key={answer.participantId}>
                      <Text
                        size="sm"
                        fw={shown && !sameAnswer(shown, answer.value) ? 700 : undefined}
                        c={shown && !sameAnswer(shown, answer.value) ? 'orange.8' : undefined}
                      >
                        {answerLabel(item, answer.value, t)}
                      </Text>
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <Text size="sm">
                      {cell.distinct <= 1
                        ? t('calibration.criteria.same')
                        : t('calibration.criteria.different', { count: cell.distinct })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {manager && item ? (
                      <AgreedSelect
                        results={results}
                        item={item}
                        interactionId={cell.interactionId}
                        value={cell.agreed}
                      />
                    ) : (
                      <Text size="sm">
                        {cell.agreed
                          ? t('calibration.criteria.agreed', { answer: answerLabel(item, cell.agreed, t) })
                          : cell.expert
                            ? t('calibration.criteria.expertSaid', {
                                answer: answerLabel(item, cell.expert, t),
                              })
                            : '–'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/** The manager records what the group agreed; with none, the expert's answer (shown as the hint) counts. */
function AgreedSelect({
  results,
  item,
  interactionId,
  value,
}: {
  results: CalibrationResults;
  item: RubricItem;
  interactionId: number;
  value: AnswerValue | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const choices = answerChoices(item, t);
  const expert = results.figures.criteria
    .find((c) => c.itemId === item.id)
    ?.cells.find((c) => c.interactionId === interactionId)?.expert;
  const agree = useMutation({
    mutationFn: (next: AnswerValue | null) =>
      api.calibration.agree({ sessionId: results.session.id, interactionId, itemId: item.id, value: next }),
    onSuccess: (next) => queryClient.setQueryData(resultsKey(results.session.id), next),
  });
  // While the choice is being saved, show it rather than the old answer (the list would blink back).
  const shown = agree.isPending ? (agree.variables ?? null) : value;
  return (
    <Select
      size="xs"
      w={170}
      clearable
      aria-label={t('calibration.criteria.agreeLabel', { item: item.title })}
      placeholder={
        expert
          ? t('calibration.criteria.expertSaid', { answer: answerLabel(item, expert, t) })
          : t('calibration.criteria.agree')
      }
      data={choices.map((choice) => ({ value: choice.key, label: choice.label }))}
      value={choices.find((choice) => shown && sameAnswer(choice.value, shown))?.key ?? null}
      onChange={(key) => agree.mutate(choices.find((choice) => choice.key === key)?.value ?? null)}
      error={agree.isError ? agree.error.message : undefined}
      data-testid="calibration-agree"
    />
  );
}
