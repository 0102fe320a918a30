import { Alert, Anchor, Group, Loader, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RubricDraft } from '../../../../shared/api/methods/rubric-draft';
import type { ScoreFigures } from '../../../../shared/api/methods/rubrics';
import { api } from '../../api/client';
import { formatPercent, ResultBadge } from '../evaluation/score-format';

const LIMITS = ['10', '20', '50'];

/**
 * Before publishing: the latest submitted evaluations scored on their own version beside the same
 * answers on the draft (carried over by item id), so the author sees what the change does to scores.
 */
export function RescorePreview({
  opened,
  onClose,
  rubricId,
  draft,
}: {
  opened: boolean;
  onClose: () => void;
  rubricId: number;
  draft: RubricDraft;
}) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState('20');
  const preview = useQuery({
    queryKey: ['rubric', rubricId, 'rescore', limit, draft],
    queryFn: () => api.rubric.previewRescore({ id: rubricId, draft, limit: Number(limit) }),
    enabled: opened,
    staleTime: Infinity,
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={t('rubrics.rescore.title')}
      data-testid="rescore-preview"
    >
      <Stack>
        <Group justify="space-between">
          <Text size="sm" c="dimmed" maw={520}>
            {t('rubrics.rescore.intro')}
          </Text>
          <Group gap="xs">
            <Text size="sm">{t('rubrics.rescore.last')}</Text>
            <SegmentedControl size="xs" data={LIMITS} value={limit} onChange={setLimit} />
          </Group>
        </Group>
        {preview.isPending ? (
          <Loader size="sm" />
        ) : preview.isError ? (
          <Alert color="red">{preview.error.message}</Alert>
        ) : preview.data.evaluations.length === 0 ? (
          <Text c="dimmed" data-testid="rescore-empty">
            {t('rubrics.rescore.none')}
          </Text>
        ) : (
          <>
            <OutcomeChanges
              changed={
                preview.data.evaluations.filter((row) => row.before.result !== row.after.result).length
              }
              shown={preview.data.evaluations.length}
            />
            <Table striped data-testid="rescore-table" data-state="ready">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rubrics.rescore.interaction')}</Table.Th>
                  <Table.Th>{t('rubrics.rescore.reviewer')}</Table.Th>
                  <Table.Th>{t('rubrics.rescore.before')}</Table.Th>
                  <Table.Th>{t('rubrics.rescore.after')}</Table.Th>
                  <Table.Th>{t('rubrics.rescore.dropped')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.data.evaluations.map((row) => (
                  <Table.Tr
                    key={row.evaluationId}
                    data-testid="rescore-row"
                    data-outcome-changed={row.before.result !== row.after.result}
                    // A changed outcome matters more than a changed figure: the row stands out.
                    bg={row.before.result !== row.after.result ? 'yellow.0' : undefined}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/evaluation/${row.evaluationId}/summary`} size="sm">
                        {row.interactionTitle}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {row.agentName ?? '–'} · {t('rubrics.versionLabel', { version: row.version })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{row.reviewerName}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Figures figures={row.before} />
                    </Table.Td>
                    <Table.Td>
                      <Figures figures={row.after} compare={row.before} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={row.dropped > 0 ? 'orange' : 'dimmed'}>
                        {row.dropped}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {preview.data && preview.data.total > preview.data.evaluations.length && (
          <Text size="xs" c="dimmed">
            {t('rubrics.rescore.more', { shown: preview.data.evaluations.length, total: preview.data.total })}
          </Text>
        )}
      </Stack>
    </Modal>
  );
}

/** "2 of 20 evaluations would change outcome", or that none would. */
function OutcomeChanges({ changed, shown }: { changed: number; shown: number }) {
  const { t } = useTranslation();
  return (
    <Text
      size="sm"
      fw={changed > 0 ? 600 : undefined}
      c={changed > 0 ? 'orange.8' : 'dimmed'}
      data-testid="rescore-outcome-changes"
      data-changed={changed}
    >
      {changed > 0
        ? t('rubrics.rescore.outcomeChanges', { count: changed, shown })
        : t('rubrics.rescore.noOutcomeChanges')}
    </Text>
  );
}

function Figures({ figures, compare }: { figures: ScoreFigures; compare?: ScoreFigures }) {
  const { t, i18n } = useTranslation();
  const delta =
    compare && figures.percent !== null && compare.percent !== null
      ? figures.percent - compare.percent
      : null;
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {formatPercent(figures.percent, i18n.language)}
        </Text>
        <ResultBadge result={figures.result} size="sm" />
        {delta !== null && Math.abs(delta) >= 0.05 && (
          <Text size="xs" c={delta > 0 ? 'teal' : 'red'}>
            {delta > 0 ? '+' : '−'}
            {formatPercent(Math.abs(delta), i18n.language)}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {figures.sections.map((s) => `${s.title} ${formatPercent(s.percent, i18n.language)}`).join(' · ')}
      </Text>
      <Text size="xs" c={compare && compare.passMark !== figures.passMark ? 'orange.8' : 'dimmed'}>
        {t('evaluation.passMark', { percent: formatPercent(figures.passMark, i18n.language) })}
      </Text>
    </Stack>
  );
}
