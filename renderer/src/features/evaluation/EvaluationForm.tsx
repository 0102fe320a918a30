import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationSummary } from '../../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { RequireProfile } from '../profiles/RequireProfile';
import { evaluationKey, EvaluationSheet, type SheetPlacement } from './EvaluationSheet';
import { formatPercent, ResultBadge } from './score-format';
import { StartEvaluation } from './StartEvaluation';

export interface EvaluationFormProps extends SheetPlacement {
  interactionId: number;
  /** The evaluation to show; when left out, the current reviewer's open draft, else a choice. */
  evaluationId?: number | null;
  /** Told when the shown evaluation changes (started, opened, discarded), e.g. to keep it in the URL. */
  onEvaluationChange?: (id: number | null) => void;
}

/**
 * Scoring one interaction against a rubric. Self-contained (it needs only the interaction's id), so it
 * can stand on its own page or be docked beside the player and transcript of the review workspace.
 */
export function EvaluationForm(props: EvaluationFormProps) {
  return <RequireProfile>{(reviewer) => <FormFor {...props} reviewer={reviewer} />}</RequireProfile>;
}

function FormFor({
  interactionId,
  evaluationId,
  onEvaluationChange,
  reviewer,
  ...placement
}: EvaluationFormProps & { reviewer: ReviewerProfile }) {
  const [own, setOwn] = useState<number | null | undefined>(undefined);
  const list = useQuery({
    queryKey: ['evaluations', { interactionId }],
    queryFn: () => api.evaluation.list({ interactionId, limit: 100 }),
  });
  const choose = (id: number | null) => {
    setOwn(id);
    onEvaluationChange?.(id);
  };
  const openDraft = list.data?.items.find((e) => e.state === 'draft' && e.reviewer.id === reviewer.id);
  // An explicit choice wins; otherwise pick up where this reviewer left off.
  const shown = evaluationId !== undefined ? evaluationId : own !== undefined ? own : (openDraft?.id ?? null);

  if (list.isPending) return <Loader size="sm" />;
  if (list.isError) return <Alert color="red">{list.error.message}</Alert>;
  const others = list.data.items.filter((e) => e.id !== shown);

  return (
    <Stack gap="md" data-testid="evaluation-form" data-state="ready">
      {shown === null ? (
        <StartEvaluation
          interactionId={interactionId}
          onStarted={(detail) => choose(detail.id)}
          autoFocus={placement.autoFocus}
        />
      ) : (
        <ShownEvaluation
          id={shown}
          reviewer={reviewer}
          onDiscarded={() => choose(null)}
          // A draft just started is scored at once.
          placement={{ ...placement, autoFocus: placement.autoFocus || own === shown }}
        />
      )}
      {others.length > 0 && (
        <OtherEvaluations evaluations={others} onOpen={choose} showStart={shown !== null} />
      )}
    </Stack>
  );
}

function ShownEvaluation({
  id,
  reviewer,
  onDiscarded,
  placement,
}: {
  id: number;
  reviewer: ReviewerProfile;
  onDiscarded: () => void;
  placement: SheetPlacement;
}) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: evaluationKey(id), queryFn: () => api.evaluation.get({ id }) });
  if (detail.isPending) return <Loader size="sm" />;
  if (detail.isError)
    return <Alert color="red">{t('errors.generic', { message: detail.error.message })}</Alert>;
  const { data } = detail;
  return (
    <EvaluationSheet
      // A submit or reopen starts the form afresh from what the backend recorded.
      key={`${data.id}:${data.state}:${data.audit.length}`}
      detail={data}
      reviewer={reviewer}
      onDiscarded={onDiscarded}
      {...placement}
    />
  );
}

function OtherEvaluations({
  evaluations,
  onOpen,
  showStart,
}: {
  evaluations: readonly EvaluationSummary[];
  onOpen: (id: number | null) => void;
  showStart: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder data-testid="other-evaluations">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('evaluation.others.title')}
        </Text>
        {showStart && (
          <Anchor component="button" size="sm" onClick={() => onOpen(null)} data-testid="new-evaluation">
            {t('evaluation.others.new')}
          </Anchor>
        )}
      </Group>
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {evaluations.map((evaluation) => (
            // One cell of two lines, not five columns: docked beside the call the card is narrow,
            // and the reviewer, state, score and date wrap under the rubric's name instead of running out.
            <Table.Tr key={evaluation.id} data-testid="other-evaluation">
              <Table.Td>
                <Anchor component="button" size="sm" ta="left" onClick={() => onOpen(evaluation.id)}>
                  {evaluation.rubricName} · {t('rubrics.versionLabel', { version: evaluation.rubricVersion })}
                </Anchor>
                <Group gap={6} mt={2} style={{ rowGap: 2 }}>
                  <Text size="sm">{evaluation.reviewer.name}</Text>
                  <Badge
                    size="xs"
                    variant="outline"
                    color={evaluation.state === 'submitted' ? 'teal' : 'gray'}
                  >
                    {t(`evaluation.state.${evaluation.state}`)}
                  </Badge>
                  <Text size="sm">{formatPercent(evaluation.score.percent, i18n.language)}</Text>
                  <ResultBadge result={evaluation.score.result} size="sm" />
                  <Text size="xs" c="dimmed">
                    {formatDateTime(evaluation.updatedAt, i18n.language)}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
