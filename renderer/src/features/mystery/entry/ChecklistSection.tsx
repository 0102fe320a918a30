import { Box, Group, Loader, Select, Stack, Title } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { namedOptions } from '../../../app/options';
import type { Answer, AnswerValue } from '../../../../../shared/rubric/answers';
import type { Rubric } from '../../../../../shared/rubric/schema';
import type { ScoreBreakdown } from '../../../../../shared/rubric/scoring';
import { KeyLegend } from '../../evaluation/KeyLegend';
import { ScoreBar } from '../../evaluation/ScoreBar';
import { ScoredItems, type ScoredItemsHandle } from '../../evaluation/ScoredItems';
import { useChecklists } from './useChecklist';

/**
 * The checklist of the shop: which one (any rubric of the checklist kind; a saved shop keeps its own),
 * and its items, scored with the evaluation form's keys and list, the score running above them.
 */
export const ChecklistSection = forwardRef<
  ScoredItemsHandle,
  {
    rubricId: number | null;
    /** A saved shop keeps the checklist it was started with. */
    locked: boolean;
    onRubric: (rubricId: number) => void;
    rubric: Rubric | null | undefined;
    answers: ReadonlyMap<string, Answer>;
    breakdown: ScoreBreakdown | null;
    error: string | undefined;
    onValue: (itemId: string, value: AnswerValue | null) => void;
    onComment: (itemId: string, comment: string) => void;
    onSubmit: () => void;
  }
>(function ChecklistSection(props, ref) {
  const { t } = useTranslation();
  const checklists = useChecklists();
  return (
    <Stack gap="sm" data-testid="shop-checklist" data-key-place="form">
      <Group justify="space-between" align="flex-end">
        <Title order={4}>{t('mystery.field.checklist')}</Title>
        <KeyLegend />
      </Group>
      <Select
        label={t('mysteryEntry.checklist.pick')}
        description={props.locked ? t('mysteryEntry.checklist.locked') : undefined}
        disabled={props.locked}
        allowDeselect={false}
        value={props.rubricId === null ? null : String(props.rubricId)}
        onChange={(value) => value !== null && props.onRubric(Number(value))}
        data={namedOptions(checklists.data ?? [])}
        error={props.error}
        data-testid="shop-rubric"
      />
      {props.rubric === undefined ? (
        props.rubricId !== null && <Loader size="sm" />
      ) : props.rubric && props.breakdown ? (
        <>
          <Box
            style={{
              position: 'sticky',
              top: 'var(--app-shell-header-offset, 0px)',
              zIndex: 2,
              paddingTop: 4,
              marginTop: -4,
              background: 'var(--mantine-color-body)',
            }}
          >
            <ScoreBar breakdown={props.breakdown} />
          </Box>
          <ScoredItems
            // Another checklist: another list of items, focus starting afresh.
            key={props.rubric.id}
            ref={ref}
            rubric={props.rubric}
            answers={props.answers}
            breakdown={props.breakdown}
            readOnly={false}
            moments={[]}
            autoFocus={false}
            onValue={props.onValue}
            onComment={props.onComment}
            onMoments={() => {}}
            onSubmit={props.onSubmit}
          />
        </>
      ) : null}
    </Stack>
  );
});
