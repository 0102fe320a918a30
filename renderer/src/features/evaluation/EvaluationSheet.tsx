import { Badge, Box, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { MAX_OVERALL_COMMENT_CHARS } from '../../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { keysFromEvent } from '../../../../shared/api/methods/review';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { SaveStateLabel } from '../../app/autosave/SaveStateLabel';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { api } from '../../api/client';
import { routeKeyAt } from '../shortcuts/key-routing';
import { AgentResponseNote, EarlierResponses } from './AgentResponse';
import { AuditTrail } from './AuditTrail';
import { KeyLegend } from './KeyLegend';
import { ReopenDialog } from './ReopenDialog';
import { ScoreBar } from './ScoreBar';
import { ScoreExplanation } from './ScoreExplanation';
import { ScoredItems, type ScoredItemsHandle } from './ScoredItems';
import { SubmitBar } from './SubmitBar';
import { useEvaluationDraft } from './useEvaluationDraft';

export const evaluationKey = (id: number) => ['evaluation', id] as const;

export interface SheetPlacement {
  /** Beside the player and transcript (or the chat) rather than on a page of its own. */
  docked?: boolean;
  /** Put focus on the current item when the form appears, so the score keys work at once. */
  autoFocus?: boolean;
  /** Told once a submit went through. */
  onSubmitted?: (detail: EvaluationDetail) => void;
  /** Escape on an item: the docked form hands focus back to the call or chat. */
  onLeave?: () => void;
}

/**
 * One evaluation, filled in (a draft) or as submitted (read only). The score updates with every
 * answer; every change is autosaved (see useEvaluationDraft). The form's keys go to the current item
 * (the focused one, else the one focused last), which is ringed and announced (useItemAnnouncement).
 */
export function EvaluationSheet({
  detail,
  reviewer,
  onDiscarded,
  docked = false,
  autoFocus = false,
  onSubmitted,
  onLeave,
}: {
  detail: EvaluationDetail;
  reviewer: ReviewerProfile;
  onDiscarded: () => void;
} & SheetPlacement) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const draft = useEvaluationDraft(detail, reviewer.id);
  const readOnly = detail.state === 'submitted';
  const [reopening, setReopening] = useState(false);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const list = useRef<ScoredItemsHandle>(null);
  const moments = useQuery({
    queryKey: ['moments', detail.interactionId],
    queryFn: () => api.moment.list({ interactionId: detail.interactionId }),
  });

  const items = useMemo(() => detail.rubric.sections.flatMap((section) => section.items), [detail.rubric]);
  const answers = useMemo(() => [...draft.answers.values()], [draft.answers]);
  const breakdown = useMemo(() => scoreEvaluation(detail.rubric, answers), [detail.rubric, answers]);
  const titleOf = (itemId: string) => items.find((item) => item.id === itemId)?.title ?? itemId;

  // A submit or reopen changes the score the library and the agent pages show for this interaction.
  const replace = (next: EvaluationDetail) => {
    queryClient.setQueryData(evaluationKey(next.id), next);
    for (const queryKey of [['evaluations'], ['library'], ['agents']]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  };
  const submit = useMutation({
    mutationFn: async () => {
      await draft.whenSaved();
      return api.evaluation.submit({ id: detail.id });
    },
    onSuccess: (next) => {
      replace(next);
      onSubmitted?.(next);
    },
  });
  const discard = useMutation({
    // Unsent changes are dropped and a save on its way lands first: nothing is saved into the
    // evaluation after it is gone.
    mutationFn: async () => {
      await draft.dropUnsaved();
      return api.evaluation.discard({ id: detail.id });
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: evaluationKey(detail.id) });
      void queryClient.invalidateQueries({ queryKey: ['evaluations'] });
      onDiscarded();
    },
  });
  const trySubmit = () => {
    if (readOnly || submit.isPending) return;
    if (breakdown.complete) submit.mutate();
    else {
      // Take the reviewer to what is missing.
      const first = breakdown.unansweredItemIds[0] ?? breakdown.missingCommentItemIds[0];
      if (first) list.current?.focusItem(first);
    }
  };
  const everSubmitted = detail.audit.some((entry) => entry.action === 'submitted');
  // A form key pressed on the score bar, a heading or a button of the form acts on the current item.
  const onSheetKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || (event.target as Element).closest('[data-testid="evaluation-item"]'))
      return;
    const keys = keysFromEvent(event);
    if (!keys || routeKeyAt(event.target, keys) !== 'form') return;
    if (list.current?.pressOnCurrent(keys)) event.preventDefault();
  };

  return (
    <Stack
      gap="sm"
      data-testid="evaluation-sheet"
      data-state={detail.state}
      data-evaluation-id={detail.id}
      data-key-place="form"
      onKeyDown={onSheetKeyDown}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={docked ? 4 : 3}>{detail.rubricName}</Title>
            <Badge variant="light" data-testid="evaluation-version">
              {t('rubrics.versionLabel', { version: detail.rubricVersion })}
            </Badge>
            <Badge variant="outline" color={readOnly ? 'teal' : 'gray'} data-testid="evaluation-state">
              {t(`evaluation.state.${detail.state}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('evaluation.by', {
              name: detail.reviewer.name,
              role: t(`profiles.roles.${detail.reviewer.role}`),
            })}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end">
          {!readOnly && (
            // One line while all is well; a failure's message may wrap.
            <Box style={{ whiteSpace: draft.saveStatus.state === 'error' ? 'normal' : 'nowrap' }}>
              <SaveStateLabel status={draft.saveStatus} testId="evaluation-save-state" />
            </Box>
          )}
          {!readOnly && <KeyLegend docked={docked} />}
        </Stack>
      </Group>

      {readOnly && detail.agentResponse && <AgentResponseNote response={detail.agentResponse} />}
      {readOnly && <EarlierResponses responses={detail.earlierResponses} />}

      {/*
        Stuck right under the header (docked: under the top of its pane), on the page's own background:
        the few pixels above the card and behind its rounded corners hide the items scrolling beneath
        instead of showing slivers of them.
      */}
      <Box
        data-testid="score-bar-sticky"
        style={{
          position: 'sticky',
          top: 'var(--evaluation-sticky-top, var(--app-shell-header-offset, 0px))',
          zIndex: 2,
          paddingTop: 4,
          marginTop: -4,
          background: 'var(--mantine-color-body)',
        }}
      >
        <ScoreBar breakdown={breakdown} />
      </Box>

      <ScoredItems
        ref={list}
        rubric={detail.rubric}
        answers={draft.answers}
        breakdown={breakdown}
        readOnly={readOnly}
        moments={moments.data ?? []}
        autoFocus={autoFocus}
        onValue={draft.setValue}
        onComment={draft.setComment}
        onMoments={draft.setMoments}
        onSubmit={trySubmit}
        onBack={onLeave}
      />

      <Textarea
        label={t('evaluation.overallComment')}
        description={t('evaluation.overallCommentHint')}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={MAX_OVERALL_COMMENT_CHARS}
        readOnly={readOnly}
        value={draft.overallComment}
        onChange={(event) => draft.setOverallComment(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.ctrlKey) {
            event.preventDefault();
            trySubmit();
          }
        }}
        data-testid="overall-comment"
      />

      <SubmitBar
        detail={detail}
        breakdown={breakdown}
        titleOf={titleOf}
        submitting={submit.isPending}
        error={submit.error?.message ?? null}
        onSubmit={trySubmit}
        onReopen={() => setReopening(true)}
        onDiscard={everSubmitted ? null : () => setConfirmingDiscard(true)}
      />
      <ScoreExplanation breakdown={breakdown} />
      <AuditTrail audit={detail.audit} rubric={detail.rubric} />
      <ConfirmDialog
        opened={confirmingDiscard}
        title={t('evaluation.discardConfirm.title')}
        confirmLabel={t('evaluation.discardConfirm.confirm')}
        cancelLabel={t('evaluation.discardConfirm.cancel')}
        onConfirm={() => discard.mutateAsync()}
        onCancel={() => setConfirmingDiscard(false)}
        testId="discard-dialog"
      >
        {t('evaluation.discardConfirm.body')}
      </ConfirmDialog>
      <ReopenDialog
        opened={reopening}
        onClose={() => setReopening(false)}
        evaluationId={detail.id}
        onReopened={(next) => {
          setReopening(false);
          replace(next);
        }}
      />
    </Stack>
  );
}
