import { Anchor, CloseButton, Group, Stack, Title } from '@mantine/core';
import type { CSSProperties, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvaluationDetail } from '../../../../../shared/api/methods/evaluations';
import { EvaluationForm } from '../../evaluation/EvaluationForm';

/** Where the form's keys go when focus comes to the dock: the current item, else the start button. */
export function focusDockedForm(panel: HTMLElement | null): void {
  panel
    ?.querySelector<HTMLElement>(
      '[data-testid="evaluation-item"][data-current="true"], [data-testid="start-evaluation-button"]',
    )
    ?.focus({ preventScroll: true });
}

/**
 * The evaluation form docked beside the call or chat: the same form as on its own page (which stays, a
 * link away, for reading a submitted evaluation at full width), scored while listening.
 */
export function EvaluationDock({
  panelRef,
  interactionId,
  evaluationId,
  onEvaluationChange,
  onSubmitted,
  onLeave,
  onClose,
}: {
  panelRef: RefObject<HTMLDivElement | null>;
  interactionId: number;
  evaluationId: number | null | undefined;
  onEvaluationChange: (id: number | null) => void;
  onSubmitted: (detail: EvaluationDetail) => void;
  onLeave: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ownPage = `/interaction/${interactionId}/evaluate${
    typeof evaluationId === 'number' ? `?evaluation=${evaluationId}` : ''
  }`;
  return (
    <Stack
      ref={panelRef}
      gap="xs"
      px="xs"
      pb="md"
      tabIndex={-1}
      // A click on the form's background takes the keys back to the item being scored.
      onFocus={(event) => event.target === event.currentTarget && focusDockedForm(event.currentTarget)}
      data-testid="evaluation-dock"
      data-docked="true"
      style={{ '--evaluation-sticky-top': '0px', outline: 'none' } as CSSProperties}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Title order={4}>{t('review.dock.title')}</Title>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={ownPage} size="sm" data-testid="dock-own-page">
            {t('review.dock.ownPage')}
          </Anchor>
          <CloseButton onClick={onClose} aria-label={t('review.dock.close')} data-testid="dock-close" />
        </Group>
      </Group>
      <EvaluationForm
        interactionId={interactionId}
        evaluationId={evaluationId}
        onEvaluationChange={onEvaluationChange}
        docked
        autoFocus
        onSubmitted={onSubmitted}
        onLeave={onLeave}
      />
    </Stack>
  );
}
