import { ActionIcon, Badge, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_FOCUS_ITEMS, type FocusItem } from '../../../../shared/api/methods/coaching';
import { formatPoints } from '../evaluation/score-format';
import { TrashIcon } from '../review/icons';
import type { SessionPartProps } from './useCoaching';
import { useFocusCandidates } from './useFocusCandidates';

/** The rubric items to work on; the coach adds them from the linked evaluations, worst first. */
export function FocusItems({ session, editable, writes }: SessionPartProps) {
  const { t, i18n } = useTranslation();
  const change = useMutation({
    mutationFn: (focusItems: FocusItem[]) => writes.update({ focusItems }),
  });
  const focus = change.isPending && change.variables ? change.variables : session.focusItems;
  const candidates = useFocusCandidates(session, editable);
  const canAdd = editable && session.evaluations.length > 0 && focus.length < MAX_FOCUS_ITEMS;

  return (
    <Card withBorder data-testid="focus-items">
      <Stack gap="xs">
        <Title order={4}>{t('coaching.focus.title')}</Title>
        {focus.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('coaching.focus.none')}
          </Text>
        )}
        {focus.map((item, index) => (
          <Group key={item.itemId} justify="space-between" wrap="nowrap" data-testid="focus-item">
            <Group gap="xs" wrap="nowrap">
              <Badge variant="light" color="indigo" size="sm" circle>
                {index + 1}
              </Badge>
              <Text size="sm" fw={500}>
                {item.title}
              </Text>
              {item.sectionTitle && (
                <Text size="xs" c="dimmed">
                  {item.sectionTitle}
                </Text>
              )}
            </Group>
            {editable && (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                onClick={() => change.mutate(focus.filter((other) => other.itemId !== item.itemId))}
                aria-label={t('coaching.focus.remove', { title: item.title })}
                data-testid="focus-remove"
              >
                <TrashIcon size={14} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {canAdd && (
          <Select
            placeholder={t('coaching.focus.add')}
            data={candidates.candidates.map((candidate) => ({
              value: candidate.itemId,
              label:
                candidate.lost > 0 || candidate.criticalFails > 0
                  ? t('coaching.focus.candidateLost', {
                      title: candidate.title,
                      points: formatPoints(candidate.lost, i18n.language),
                    })
                  : candidate.title,
            }))}
            value={null}
            onChange={(itemId) => {
              const candidate = candidates.candidates.find((other) => other.itemId === itemId);
              if (candidate)
                change.mutate([
                  ...focus,
                  { itemId: candidate.itemId, title: candidate.title, sectionTitle: candidate.sectionTitle },
                ]);
            }}
            nothingFoundMessage={
              candidates.isPending ? t('coaching.focus.loading') : t('coaching.focus.noMore')
            }
            searchable
            size="xs"
            maw={420}
            data-testid="focus-add"
          />
        )}
        {editable && session.evaluations.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('coaching.focus.linkFirst')}
          </Text>
        )}
        {change.error && (
          <Text size="sm" c="red">
            {change.error.message}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
