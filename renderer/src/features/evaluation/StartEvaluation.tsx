import { Alert, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import type { RubricSummary } from '../../../../shared/api/methods/rubrics';
import { api } from '../../api/client';
import { evaluationKey } from './EvaluationSheet';

/**
 * The rubric a new evaluation starts on by default: the courtesy-and-competence rubric in the
 * interface language, else any evaluation rubric in that language, else the first one there is.
 */
export function defaultRubricFor(
  rubrics: readonly RubricSummary[],
  language: string,
): RubricSummary | undefined {
  const usable = rubrics.filter((r) => r.latestVersion !== null);
  return (
    usable.find((r) => r.builtin === 'courtesy-competence' && r.language === language) ??
    usable.find((r) => r.kind === 'evaluation' && r.language === language) ??
    usable[0]
  );
}

/** Picks the rubric and starts a draft (or gets back this reviewer's open draft on it). */
export function StartEvaluation({
  interactionId,
  onStarted,
  autoFocus = false,
}: {
  interactionId: number;
  onStarted: (detail: EvaluationDetail) => void;
  /** Focus the start button, so Enter begins scoring. */
  autoFocus?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const rubrics = useQuery({ queryKey: ['rubrics'], queryFn: () => api.rubric.list({}) });
  const [picked, setPicked] = useState<string | null>(null);
  const usable = (rubrics.data ?? []).filter((r) => r.latestVersion !== null);
  const chosen =
    picked ?? (rubrics.data ? String(defaultRubricFor(rubrics.data, i18n.language)?.id ?? '') : null);
  const start = useMutation({
    mutationFn: () => api.evaluation.start({ interactionId, rubricId: Number(chosen) }),
    onSuccess: (detail) => {
      queryClient.setQueryData(evaluationKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: ['evaluations'] });
      onStarted(detail);
    },
  });
  // The interface language's rubrics first: those are the ones this reviewer scores with.
  const ordered = [...usable].sort(
    (a, b) => Number(b.language === i18n.language) - Number(a.language === i18n.language),
  );

  return (
    <Card withBorder data-testid="start-evaluation">
      <Stack gap="sm">
        <Title order={4}>{t('evaluation.start.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('evaluation.start.body')}
        </Text>
        <Group align="flex-end">
          <Select
            style={{ flex: 1 }}
            label={t('evaluation.start.rubric')}
            data={ordered.map((r) => ({
              value: String(r.id),
              label: `${r.name} (${r.language}, ${t('rubrics.versionLabel', { version: r.latestVersion!.version })})`,
            }))}
            value={chosen || null}
            onChange={setPicked}
            allowDeselect={false}
            searchable
            data-testid="start-rubric"
          />
          <Button
            onClick={() => start.mutate()}
            disabled={!chosen}
            loading={start.isPending}
            autoFocus={autoFocus}
            data-testid="start-evaluation-button"
          >
            {t('evaluation.start.button')}
          </Button>
        </Group>
        {start.error && <Alert color="red">{start.error.message}</Alert>}
      </Stack>
    </Card>
  );
}
