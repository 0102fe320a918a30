import { Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionAverage } from '../../../../shared/api/methods/agents';
import { outcomes, type Outcome } from '../../../../shared/rubric/outcome';
import { OutcomeIcon } from '../evaluation/OutcomeIcon';
import { formatPercent, resultColor } from '../evaluation/score-format';

/**
 * The window's means: overall first, with how many evaluations passed, fell below target or failed on
 * a critical item, then each section side by side (courtesy beside competence), the way the evaluation
 * summary shows one evaluation's figures.
 */
export function ScoreCards({
  overall,
  evaluationCount,
  outcomes: counts,
  sections,
}: {
  overall: number | null;
  evaluationCount: number;
  outcomes: Record<Outcome, number>;
  sections: readonly SectionAverage[];
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: Math.min(1 + sections.length, 4) }} spacing="sm">
      <ScoreCard
        title={t('agents.scores.overall')}
        percent={overall}
        note={t('agents.scores.over', { count: evaluationCount })}
        strong
        testId="score-overall"
      >
        <OutcomeTally counts={counts} />
      </ScoreCard>
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

/** "✓ 3 passed  ↓ 2 below target  ⊗ 1 critical fail": icon, number and words, outcomes with none left out. */
function OutcomeTally({ counts }: { counts: Record<Outcome, number> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="outcome-tally">
      {outcomes
        .filter((outcome) => counts[outcome] > 0)
        .map((outcome) => (
          <Group
            key={outcome}
            gap={4}
            wrap="nowrap"
            c={`${resultColor[outcome]}.8`}
            data-testid="outcome-count"
            data-outcome={outcome}
            data-count={counts[outcome]}
          >
            <OutcomeIcon result={outcome} size={13} />
            <Text size="xs" fw={600} c="inherit">
              {t(`agents.scores.outcomes.${outcome}`, { count: counts[outcome] })}
            </Text>
          </Group>
        ))}
    </Stack>
  );
}

function ScoreCard(props: {
  title: string;
  percent: number | null;
  note: string;
  strong?: boolean;
  testId: string;
  children?: ReactNode;
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
        {props.children}
      </Stack>
    </Paper>
  );
}
