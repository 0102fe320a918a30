import { Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreBreakdown } from '../../../../shared/rubric/scoring';
import { formatPercent, formatPoints, ResultBadge } from './score-format';

/**
 * The live score: each section's figures side by side (for the default rubric, courtesy beside
 * competence), then the overall percent, the result and the pass mark it is held against. Updates
 * with every answer.
 */
export function ScoreBar({ breakdown, extra }: { breakdown: ScoreBreakdown; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { overall } = breakdown;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="score-bar"
      data-result={overall.result}
      data-outcome={overall.outcome}
      data-percent={overall.percent ?? ''}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        {/* Columns by the bar's own width: docked beside a call, the sections stack. */}
        <SimpleGrid
          type="container"
          cols={{
            base: 1,
            '340px': Math.min(breakdown.sections.length, 2),
            '510px': Math.min(breakdown.sections.length, 3),
          }}
          spacing="sm"
          styles={{ container: { flex: 1, minWidth: 0 } }}
        >
          {breakdown.sections.map((section) => (
            <Stack
              key={section.sectionId}
              gap={2}
              data-testid="section-score"
              data-section-id={section.sectionId}
            >
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="sm" fw={600} truncate>
                  {section.title}
                </Text>
                <Text size="sm" fw={700} data-testid="section-percent">
                  {formatPercent(section.percent, i18n.language)}
                </Text>
              </Group>
              <Progress
                value={section.percent ?? 0}
                color={section.percent === null ? 'gray' : 'indigo'}
                size="sm"
              />
              <Text size="xs" c="dimmed">
                {t('evaluation.points', {
                  earned: formatPoints(section.earned, i18n.language),
                  possible: formatPoints(section.possible, i18n.language),
                })}
                {section.unanswered > 0 && ` · ${t('evaluation.open', { count: section.unanswered })}`}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Stack gap={4} align="flex-end" miw={130}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('evaluation.overall')}
          </Text>
          <Text size="xl" fw={800} lh={1} data-testid="overall-percent">
            {formatPercent(overall.percent, i18n.language)}
          </Text>
          <ResultBadge result={overall.result} />
          <Text size="xs" c="dimmed" data-testid="pass-mark">
            {t('evaluation.passMark', { percent: formatPercent(overall.passMark, i18n.language) })}
          </Text>
          {extra}
        </Stack>
      </Group>
    </Paper>
  );
}
