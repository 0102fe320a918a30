import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import type { ScoreBreakdown } from '../../../../shared/rubric/scoring';
import { formatDateTime } from '../../app/format';

/**
 * The end of the form. A draft: what is still missing (unanswered items, comments a fail requires)
 * and the submit button, enabled only when nothing is. Submitted: by whom and when, the reopen
 * button and the printable summary.
 */
export function SubmitBar({
  detail,
  breakdown,
  titleOf,
  submitting,
  error,
  onSubmit,
  onReopen,
  onDiscard,
}: {
  detail: EvaluationDetail;
  breakdown: ScoreBreakdown;
  titleOf: (itemId: string) => string;
  submitting: boolean;
  error: string | null;
  onSubmit: () => void;
  onReopen: () => void;
  onDiscard: (() => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const summary = (
    <Anchor component={Link} to={`/evaluation/${detail.id}/summary`} size="sm" data-testid="summary-link">
      {t('evaluation.summaryLink')}
    </Anchor>
  );
  if (detail.state === 'submitted') {
    const last = detail.audit.filter((entry) => entry.action === 'submitted').at(-1);
    return (
      <Group justify="space-between" data-testid="submit-bar" data-state="submitted">
        <Text size="sm">
          {t('evaluation.submittedBy', {
            name: last?.reviewer.name ?? detail.reviewer.name,
            at: formatDateTime(detail.submittedAt, i18n.language),
          })}
        </Text>
        <Group gap="sm">
          {summary}
          <Button variant="light" color="orange" onClick={onReopen} data-testid="reopen-open">
            {t('evaluation.reopen.open')}
          </Button>
        </Group>
      </Group>
    );
  }
  const names = (ids: readonly string[]) => ids.map(titleOf).join(', ');
  return (
    <Stack gap="xs" data-testid="submit-bar" data-state="draft">
      {!breakdown.complete && (
        <Alert color="gray" variant="light" data-testid="missing">
          {breakdown.unansweredItemIds.length > 0 && (
            <Text size="sm">
              {t('evaluation.missing.unanswered', { items: names(breakdown.unansweredItemIds) })}
            </Text>
          )}
          {breakdown.missingCommentItemIds.length > 0 && (
            <Text size="sm">
              {t('evaluation.missing.comments', { items: names(breakdown.missingCommentItemIds) })}
            </Text>
          )}
        </Alert>
      )}
      {error && (
        <Alert color="red" data-testid="submit-error">
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <Group gap="sm">
          {onDiscard && (
            <Button variant="subtle" color="gray" size="sm" onClick={onDiscard} data-testid="discard">
              {t('evaluation.discard')}
            </Button>
          )}
        </Group>
        <Group gap="sm">
          <Text size="xs" c="dimmed">
            {t('evaluation.submitHint')}
          </Text>
          <Button onClick={onSubmit} disabled={!breakdown.complete} loading={submitting} data-testid="submit">
            {t('evaluation.submit')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
