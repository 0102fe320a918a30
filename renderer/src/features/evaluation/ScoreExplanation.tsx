import { Accordion, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { explainScore, type ScoreStep } from '../../../../shared/rubric/explain';
import type { ScoreBreakdown } from '../../../../shared/rubric/scoring';
import { formatPercent, formatPoints } from './score-format';

/**
 * How the score comes about, step by step in the user's language, from shared/rubric's `explainScore`:
 * each section's points, the overall formula with every term, a critical fail, what is still open, the
 * result. A reviewer (or the agent, in coaching) can add the figures up and get the same percent.
 */
export function ScoreExplanation({
  breakdown,
  defaultOpen = false,
}: {
  breakdown: ScoreBreakdown;
  defaultOpen?: boolean;
}) {
  const { t } = useTranslation();
  const { steps } = explainScore(breakdown);
  return (
    <Accordion
      variant="contained"
      defaultValue={defaultOpen ? 'explain' : null}
      data-testid="score-explanation"
    >
      <Accordion.Item value="explain">
        <Accordion.Control>
          <Text size="sm" fw={600}>
            {t('evaluation.explain.title')}
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('evaluation.explain.rule')}
            </Text>
            <List size="sm" spacing={4}>
              {steps.map((step, index) => (
                <List.Item key={index} data-testid="explain-step" data-step={step.key}>
                  <StepText step={step} />
                </List.Item>
              ))}
            </List>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

export function StepText({ step }: { step: ScoreStep }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatPoints(value, i18n.language);
  const pct = (value: number | null) => formatPercent(value, i18n.language);
  switch (step.key) {
    case 'section':
      return (
        <>
          {t('evaluation.explain.section', {
            title: step.title,
            earned: n(step.earned),
            possible: n(step.possible),
            percent: pct(step.percent),
          })}
          {step.removed > 0 && ` ${t('evaluation.explain.removed', { count: step.removed })}`}
        </>
      );
    case 'overall': {
      const term = (weight: number, points: number) =>
        weight === 1 ? n(points) : `${n(weight)} × ${n(points)}`;
      return (
        <>
          {t('evaluation.explain.overall', {
            earnedTerms: step.terms.map((s) => term(s.weight, s.earned)).join(' + '),
            possibleTerms: step.terms.map((s) => term(s.weight, s.possible)).join(' + '),
            earned: n(step.earned),
            possible: n(step.possible),
            percent: pct(step.percent),
          })}
        </>
      );
    }
    case 'criticalFail':
      return (
        <Text span c="red" size="sm" fw={600}>
          {t('evaluation.explain.criticalFail', { title: step.title })}
        </Text>
      );
    case 'incomplete':
      return (
        <>
          {[
            step.unanswered > 0 ? t('evaluation.explain.unanswered', { count: step.unanswered }) : null,
            step.missingComments > 0
              ? t('evaluation.explain.missingComments', { count: step.missingComments })
              : null,
          ]
            .filter(Boolean)
            .join(', ')}
        </>
      );
    case 'passMark':
      return (
        <>
          {t(step.reached ? 'evaluation.explain.passMarkReached' : 'evaluation.explain.passMarkMissed', {
            passMark: pct(step.passMark),
            percent: pct(step.percent),
          })}
        </>
      );
    case 'result':
      return (
        <Text span fw={700} size="sm">
          {t('evaluation.explain.result', {
            result: t(`evaluation.result.${step.result}`),
            percent: pct(step.percent),
          })}
        </Text>
      );
  }
}
