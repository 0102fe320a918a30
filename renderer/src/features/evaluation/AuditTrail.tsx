import { Card, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerChange, AnswerSnapshot, AuditEntry } from '../../../../shared/api/methods/evaluations';
import type { Rubric, RubricItem } from '../../../../shared/rubric/schema';
import { formatDateTime } from '../../app/format';
import { answerLabel } from './answer-label';

/**
 * Who started, submitted and reopened the evaluation, when, why it was reopened, and, on a submit
 * after a reopen, every item's old and new answer and comment.
 */
export function AuditTrail({ audit, rubric }: { audit: readonly AuditEntry[]; rubric: Rubric }) {
  const { t, i18n } = useTranslation();
  const items = new Map(rubric.sections.flatMap((s) => s.items.map((item) => [item.id, item] as const)));
  return (
    <Card withBorder data-testid="audit-trail">
      <Title order={4} mb="sm">
        {t('evaluation.audit.title')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={audit.length}>
        {audit.map((entry) => (
          <Timeline.Item
            key={entry.id}
            color={entry.action === 'reopened' ? 'orange' : entry.action === 'submitted' ? 'teal' : 'gray'}
            title={
              <Text size="sm" fw={600}>
                {t(`evaluation.audit.${entry.action}`, { name: entry.reviewer.name })}
              </Text>
            }
            data-testid="audit-entry"
            data-action={entry.action}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at, i18n.language)} · {t(`profiles.roles.${entry.reviewer.role}`)}
            </Text>
            {entry.reason && (
              <Text size="sm" mt={4} data-testid="audit-reason">
                {t('evaluation.audit.reason', { reason: entry.reason })}
              </Text>
            )}
            {entry.changes.length > 0 && (
              <List size="sm" mt={4} spacing={2} data-testid="audit-changes">
                {entry.changes.map((change, index) => (
                  <List.Item key={index} data-testid="audit-change">
                    <ChangeText change={change} item={change.itemId ? items.get(change.itemId) : undefined} />
                  </List.Item>
                ))}
              </List>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

function ChangeText({ change, item }: { change: AnswerChange; item: RubricItem | undefined }) {
  const { t } = useTranslation();
  if (change.itemId === null) {
    return (
      <>
        <Text span size="sm" fw={600}>
          {t('evaluation.overallComment')}:
        </Text>{' '}
        “{change.commentBefore || '–'}” → “{change.commentAfter || '–'}”
      </>
    );
  }
  const describe = (snapshot: AnswerSnapshot | null) => {
    const answer = answerLabel(item, snapshot?.value ?? null, t);
    return snapshot?.comment ? `${answer} (${snapshot.comment})` : answer;
  };
  return (
    <Stack gap={0}>
      <Text span size="sm">
        <Text span size="sm" fw={600}>
          {item?.title ?? change.itemId}:
        </Text>{' '}
        {describe(change.before)} → {describe(change.after)}
      </Text>
    </Stack>
  );
}
