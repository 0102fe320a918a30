import {
  Badge,
  Box,
  Button,
  Collapse,
  Group,
  List,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keysFromEvent, type Moment } from '../../../../shared/api/methods/review';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';
import type { ItemImpact } from '../../../../shared/rubric/explain';
import { isFailAnswer } from '../../../../shared/rubric/items';
import type { RubricItem } from '../../../../shared/rubric/schema';
import { formatDuration } from '../../app/format';
import { keyPlaceOf, routeKeyAt } from '../shortcuts/key-routing';
import { actionForKeys, answerForDigit, type AnswerKeyId } from './answer-keys';
import { sameAnswer } from './answer-label';
import { answerChoices } from './answer-choices';
import { ImpactLabel } from './ImpactLabel';
import classes from './ItemRow.module.css';
import { formatPoints } from './score-format';

export interface ItemRowHandle {
  focus(): void;
  /** A form key pressed elsewhere in the form (on its score bar, say): the item takes it as its own. */
  press(keys: string): void;
}

export interface ItemRowProps {
  item: RubricItem;
  number: number;
  answer: Answer | undefined;
  impact: ItemImpact | undefined;
  commentMissing: boolean;
  readOnly: boolean;
  /** The item the form's keys go to: the focused one, or the last focused while focus is elsewhere. */
  current: boolean;
  moments: readonly Moment[];
  onValue: (value: AnswerValue | null, fromKeyboard: boolean) => void;
  onComment: (comment: string) => void;
  onMoments: (momentIds: number[]) => void;
  /** Move focus to another item: -1 / +1, or to the first / last. */
  onNavigate: (to: -1 | 1 | 'first' | 'last') => void;
  onSubmit: () => void;
  /** Focus came to the item (`itself`) or into its comment or moment picker. */
  onFocusItem: (itself: boolean) => void;
  /** Escape on the item: docked, back to the call or chat. */
  onBack?: () => void;
}

/** A moment as the picker lists it: its time (or chat turn) and the start of its comment. */
function momentLabel(moment: Moment, turn: string): string {
  const where =
    moment.startMs !== null ? formatDuration(moment.startMs) : `${turn} ${(moment.turnSeq ?? 0) + 1}`;
  const comment = moment.comment.trim();
  return comment ? `${where} · ${comment.length > 50 ? `${comment.slice(0, 50)}…` : comment}` : where;
}

/**
 * One item of the evaluation: answered with keys while the item has focus (see ./answer-keys), or by
 * clicking. Its buttons, comment and moment picker are out of the tab order, so Tab and the arrows go
 * from item to item; C and M reach the comment and the moments. A fail that needs a comment shows that
 * it does, but focus moves on like after any answer: the reviewer's next score keys must not land in the
 * comment. Only C goes there, and Escape comes back.
 */
export const ItemRow = forwardRef<ItemRowHandle, ItemRowProps>(function ItemRow(props, ref) {
  const { item, answer, impact, readOnly } = props;
  const { t, i18n } = useTranslation();
  const rowRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const momentsRef = useRef<HTMLInputElement>(null);
  const [guidance, setGuidance] = useState(false);
  const [commentOpen, setCommentOpen] = useState(false);
  useImperativeHandle(ref, () => ({
    focus: () => {
      // All of the item in view, not just its top edge (focus alone scrolls only what is hidden).
      rowRef.current?.focus({ preventScroll: true });
      rowRef.current?.scrollIntoView({ block: 'nearest' });
    },
    press: (keys: string) => {
      const action = actionForKeys(keys, { docked: keyPlaceOf(rowRef.current).docked });
      if (!action) return;
      rowRef.current?.focus();
      act(action, keys);
    },
  }));

  const value = answer?.value ?? null;
  const comment = answer?.comment ?? '';
  const failed = value !== null && value.kind !== 'na' && isFailAnswer(item, value);
  const showComment =
    commentOpen || comment !== '' || props.commentMissing || (failed && item.commentRequiredOnFail);

  const openComment = () => {
    setCommentOpen(true);
    // The textarea may only now be rendered.
    requestAnimationFrame(() => commentRef.current?.focus());
  };
  const answerWith = (next: AnswerValue | null, fromKeyboard: boolean) => {
    if (readOnly) return;
    props.onValue(next !== null && sameAnswer(next, value) && !fromKeyboard ? null : next, fromKeyboard);
    // After a click the keys go on from this item; after a key, on to the next item, even where a fail
    // wants a comment (the row shows that it does; C writes it).
    if (!fromKeyboard) rowRef.current?.focus();
    else if (next !== null) props.onNavigate(1);
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented) return;
    const keys = keysFromEvent(event);
    // Keys typed into the comment or the moment picker stay there; the player's keys go to the player.
    if (!keys || routeKeyAt(event.target, keys) !== 'form') return;
    const action = actionForKeys(keys, { docked: keyPlaceOf(event.target).docked });
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.target !== rowRef.current) rowRef.current?.focus();
    act(action, keys);
  };
  function act(action: AnswerKeyId, keys: string) {
    switch (action) {
      case 'yes':
      case 'no':
        if (item.type === 'yesNo') answerWith({ kind: action }, true);
        break;
      case 'number': {
        const next = answerForDigit(item, Number(keys));
        if (next) answerWith(next, true);
        break;
      }
      case 'na':
        if (item.naAllowed) answerWith({ kind: 'na' }, true);
        break;
      case 'clear':
        answerWith(null, true);
        break;
      case 'comment':
        if (!readOnly) openComment();
        break;
      case 'moments':
        if (!readOnly && props.moments.length > 0) momentsRef.current?.focus();
        break;
      case 'guidance':
        setGuidance((open) => !open);
        break;
      case 'next':
        props.onNavigate(1);
        break;
      case 'previous':
        props.onNavigate(-1);
        break;
      case 'first':
        props.onNavigate('first');
        break;
      case 'last':
        props.onNavigate('last');
        break;
      case 'submit':
        props.onSubmit();
        break;
      case 'back':
        props.onBack?.();
        break;
    }
  }
  const onInnerKeyDown = (event: KeyboardEvent) => {
    const keys = keysFromEvent(event);
    if (keys === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      rowRef.current?.focus();
    } else if (keys === 'Ctrl+Enter') {
      event.preventDefault();
      props.onSubmit();
    }
  };

  const choices = answerChoices(item, t);
  const status =
    value === null ? 'unanswered' : impact?.criticalFail ? 'critical-fail' : failed ? 'fail' : 'answered';

  return (
    <Paper
      ref={rowRef}
      withBorder
      p="sm"
      tabIndex={0}
      onKeyDown={onRowKeyDown}
      onFocus={(event) => props.onFocusItem(event.target === rowRef.current)}
      role="group"
      aria-label={`${props.number}. ${item.title}`}
      data-testid="evaluation-item"
      data-item-id={item.id}
      data-status={status}
      data-current={props.current}
      className={`evaluation-item ${classes.row}`}
      style={{
        borderLeft: `4px solid var(--mantine-color-${
          status === 'critical-fail'
            ? 'red-6'
            : status === 'fail'
              ? 'orange-5'
              : status === 'answered'
                ? 'teal-5'
                : 'gray-3'
        })`,
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          {/* The number keeps its column; a long title wraps beside it (docked, the form is narrow). */}
          <Group gap={6} wrap="nowrap" align="flex-start" style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" c="dimmed" w={22} style={{ flexShrink: 0 }}>
              {props.number}.
            </Text>
            <Group gap={6} wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
              <Text fw={600} size="sm">
                {item.title}
              </Text>
              {item.critical && (
                <Tooltip label={t('evaluation.criticalHint')}>
                  <Badge size="xs" color="red" variant="light">
                    {t('evaluation.critical')}
                  </Badge>
                </Tooltip>
              )}
              {item.weight !== 1 && (
                <Badge size="xs" color="gray" variant="outline">
                  × {formatPoints(item.weight, i18n.language)}
                </Badge>
              )}
            </Group>
          </Group>
          <ImpactLabel impact={impact} />
        </Group>
        <Group gap={6} pl={28} wrap="wrap">
          {choices.map((choice) => {
            const selected = value !== null && sameAnswer(choice.value, value);
            return (
              <Button
                key={choice.key}
                size="compact-sm"
                tabIndex={-1}
                variant={selected ? 'filled' : 'default'}
                color={selected ? choice.color : undefined}
                disabled={readOnly && !selected}
                onClick={() => answerWith(choice.value, false)}
                aria-pressed={selected}
                data-testid="answer-option"
                data-answer={choice.key}
                rightSection={
                  readOnly ? undefined : (
                    <Text span size="xs" c={selected ? 'white' : 'dimmed'} ff="monospace">
                      {choice.hint}
                    </Text>
                  )
                }
              >
                {choice.label}
              </Button>
            );
          })}
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            tabIndex={-1}
            onClick={() => setGuidance((open) => !open)}
            aria-expanded={guidance}
          >
            {guidance ? t('evaluation.hideGuidance') : t('evaluation.showGuidance')}
          </Button>
        </Group>
        <Collapse expanded={guidance}>
          <Box pl={28}>
            {item.guidance && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {item.guidance}
              </Text>
            )}
            {item.examples.length > 0 && (
              <List size="sm" c="dimmed" mt={4}>
                {item.examples.map((example, index) => (
                  <List.Item key={index}>{example}</List.Item>
                ))}
              </List>
            )}
            {!item.guidance && item.examples.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('evaluation.noGuidance')}
              </Text>
            )}
          </Box>
        </Collapse>
        {showComment && (
          <Box pl={28}>
            <Textarea
              ref={commentRef}
              tabIndex={-1}
              autosize
              minRows={1}
              maxRows={8}
              maxLength={4000}
              readOnly={readOnly}
              placeholder={t('evaluation.commentPlaceholder')}
              error={props.commentMissing ? t('evaluation.commentNeeded') : undefined}
              value={comment}
              onChange={(event) => props.onComment(event.currentTarget.value)}
              onKeyDown={onInnerKeyDown}
              aria-label={t('evaluation.commentOn', { title: item.title })}
              data-testid="item-comment"
            />
          </Box>
        )}
        {props.moments.length > 0 && (!readOnly || (answer?.momentIds?.length ?? 0) > 0) && (
          <Box pl={28}>
            <MultiSelect
              ref={momentsRef}
              tabIndex={-1}
              size="xs"
              readOnly={readOnly}
              placeholder={t('evaluation.linkMoments')}
              aria-label={t('evaluation.linkMoments')}
              data={props.moments.map((moment) => ({
                value: String(moment.id),
                label: momentLabel(moment, t('evaluation.turn')),
              }))}
              value={(answer?.momentIds ?? []).map(String)}
              onChange={(ids) => props.onMoments(ids.map(Number))}
              onKeyDown={onInnerKeyDown}
              data-testid="item-moments"
            />
          </Box>
        )}
      </Stack>
    </Paper>
  );
});
