import { Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Moment } from '../../../../shared/api/methods/review';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';
import { explainScore } from '../../../../shared/rubric/explain';
import type { Rubric } from '../../../../shared/rubric/schema';
import type { ScoreBreakdown } from '../../../../shared/rubric/scoring';
import { ItemRow, type ItemRowHandle } from './ItemRow';
import { useItemAnnouncement } from './useItemAnnouncement';

export interface ScoredItemsHandle {
  /** Focus an item (the first one missing an answer, say). */
  focusItem(itemId: string): void;
  /** A form key pressed outside the items (on the score bar, a heading) acts on the current item. */
  pressOnCurrent(keys: string): boolean;
}

export interface ScoredItemsProps {
  rubric: Rubric;
  answers: ReadonlyMap<string, Answer>;
  breakdown: ScoreBreakdown;
  readOnly: boolean;
  moments: readonly Moment[];
  /** Put focus on the current item when the list appears, so the score keys work at once. */
  autoFocus: boolean;
  onValue: (itemId: string, value: AnswerValue | null) => void;
  onComment: (itemId: string, comment: string) => void;
  onMoments: (itemId: string, momentIds: number[]) => void;
  onSubmit: () => void;
  onBack?: () => void;
}

/**
 * A rubric's items by section, answered with the form's keys (see ./answer-keys): the evaluation form
 * and the mystery shop's checklist both score with this one list. The keys go to the current item (the
 * focused one, else the one focused last), which is ringed and announced (useItemAnnouncement).
 */
export const ScoredItems = forwardRef<ScoredItemsHandle, ScoredItemsProps>(function ScoredItems(
  {
    rubric,
    answers,
    breakdown,
    readOnly,
    moments,
    autoFocus,
    onValue,
    onComment,
    onMoments,
    onSubmit,
    onBack,
  },
  ref,
) {
  const { t } = useTranslation();
  const rows = useRef(new Map<string, ItemRowHandle>());
  const items = useMemo(() => rubric.sections.flatMap((section) => section.items), [rubric]);
  const impacts = useMemo(
    () => new Map(explainScore(breakdown).items.map((i) => [i.itemId, i])),
    [breakdown],
  );
  const positionOf = useMemo(() => new Map(items.map((item, index) => [item.id, index])), [items]);
  // Scoring picks up at the first item still open.
  const [currentId, setCurrentId] = useState(
    () => (breakdown.unansweredItemIds[0] ?? items[0]?.id ?? '') as string,
  );
  const announcement = useItemAnnouncement(items, answers, breakdown.missingCommentItemIds);
  useEffect(() => {
    if (autoFocus && !readOnly) rows.current.get(currentId)?.focus();
    // Only when the list appears: later focus is the reviewer's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useImperativeHandle(ref, () => ({
    focusItem: (itemId) => rows.current.get(itemId)?.focus(),
    pressOnCurrent: (keys) => {
      const row = rows.current.get(currentId);
      row?.press(keys);
      return row !== undefined;
    },
  }));

  const navigate = (from: number, to: -1 | 1 | 'first' | 'last') => {
    const index = to === 'first' ? 0 : to === 'last' ? items.length - 1 : from + to;
    const target = items[index];
    if (target) rows.current.get(target.id)?.focus();
  };

  return (
    <>
      <VisuallyHidden role="status" aria-live="polite" data-testid="evaluation-announcement">
        {announcement.text}
      </VisuallyHidden>
      {rubric.sections.map((section) => (
        <Stack key={section.id} gap={6} data-testid="evaluation-section" data-section-id={section.id}>
          <Group justify="space-between" mt="xs">
            <Title order={4}>{section.title}</Title>
            {section.weight !== 1 && (
              <Text size="xs" c="dimmed">
                {t('evaluation.sectionWeight', { weight: section.weight })}
              </Text>
            )}
          </Group>
          {section.items.map((item) => {
            const index = positionOf.get(item.id) ?? 0;
            return (
              <ItemRow
                key={item.id}
                ref={(handle) => {
                  if (handle) rows.current.set(item.id, handle);
                  else rows.current.delete(item.id);
                }}
                item={item}
                number={index + 1}
                answer={answers.get(item.id)}
                impact={impacts.get(item.id)}
                commentMissing={breakdown.missingCommentItemIds.includes(item.id)}
                readOnly={readOnly}
                current={item.id === currentId}
                moments={moments}
                onValue={(value, fromKeyboard) => {
                  onValue(item.id, value);
                  if (fromKeyboard) announcement.answered(item.id);
                }}
                onFocusItem={(itself) => {
                  setCurrentId(item.id);
                  if (itself) announcement.focused(item.id);
                }}
                onBack={onBack}
                onComment={(comment) => onComment(item.id, comment)}
                onMoments={(ids) => onMoments(item.id, ids)}
                onNavigate={(to) => navigate(index, to)}
                onSubmit={onSubmit}
              />
            );
          })}
        </Stack>
      ))}
    </>
  );
});
