import { Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SectionAverage } from '../../../../shared/api/methods/agents';
import { formatPercent } from '../evaluation/score-format';

/**
 * The window's means: overall first, then each section side by side (courtesy beside competence), the
 * way the evaluation summary shows one evaluation's figures.
 */
export function ScoreCards({
  overall,
  evaluationCount,
  failed,
  sections,
}: {
  overall: number | null;
  evaluationCount: number;
  failed: number;
  sections: readonly SectionAverage[];
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: Math.min(1 + sections.length, 4) }} spacing="sm">
      <ScoreCard
        title={t('agents.scores.overall')}
        percent={overall}
        note={t('agents.scores.over', { count: evaluationCount })}
        warning={failed > 0 ? t('agents.scores.failed', { count: failed }) : null}
        strong
        testId="score-overall"
      />
      {sections.map((section) => (
        <ScoreCard
          key={section.sectionId}
          title={section.title}
          percent={section.percent}
          note={t('agents.scores.over', { count: section.evaluationCount })}
          testId="score-section"
        />
      ))}
    </SimpleGrid>
  );
}

function ScoreCard(props: {
  title: string;
  percent: number | null;
  note: string;
  warning?: string | null;
  strong?: boolean;
  testId: string;
}) {
  const { i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid={props.testId} data-percent={props.percent ?? ''}>
      <Stack gap={4}>
        <Text size="sm" fw={600} lineClamp={2} title={props.title}>
          {props.title}
        </Text>
        <Group gap={6} align="baseline">
          <Text fz={props.strong ? 30 : 26} fw={800} lh={1} c={props.strong ? 'indigo.7' : undefined}>
            {formatPercent(props.percent, i18n.language)}
          </Text>
        </Group>
        <Progress value={props.percent ?? 0} color={props.strong ? 'indigo' : 'teal'} size="sm" />
        <Text size="xs" c="dimmed">
          {props.note}
        </Text>
        {props.warning && (
          <Text size="xs" c="red.7" fw={600}>
            {props.warning}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
