import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FOCUS_ITEMS, type FocusItem } from '../../../../shared/api/methods/coaching';
import { formatPoints } from '../evaluation/score-format';
import { TrashIcon } from '../review/icons';
import { isOwnFocus, MAX_FOCUS_TITLE_CHARS, ownFocusItem, ownFocusProblem } from './coaching-logic';
import type { SessionPartProps } from './useCoaching';
import { useFocusCandidates } from './useFocusCandidates';

/**
 * What to work on: rubric items the coach adds from the linked evaluations, worst first, and foci the
 * coach words themselves where the rubric has no item for it ("Keeping calm with angry callers").
 */
export function FocusItems({ session, editable, writes }: SessionPartProps) {
  const { t, i18n } = useTranslation();
  const change = useMutation({
    mutationFn: (focusItems: FocusItem[]) => writes.update({ focusItems }),
  });
  const focus = change.isPending && change.variables ? change.variables : session.focusItems;
  const candidates = useFocusCandidates(session, editable);
  const canAdd = editable && focus.length < MAX_FOCUS_ITEMS;
  const fromRubric = canAdd && session.evaluations.length > 0;

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
          <Group
            key={item.itemId}
            justify="space-between"
            wrap="nowrap"
            data-testid="focus-item"
            data-own={isOwnFocus(item)}
          >
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
        {fromRubric && (
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
        {canAdd && <OwnFocusInput focus={focus} onAdd={(item) => change.mutate([...focus, item])} />}
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

/** A focus in the coach's own words, added with Enter or the button. */
function OwnFocusInput({ focus, onAdd }: { focus: FocusItem[]; onAdd: (item: FocusItem) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const problem = ownFocusProblem(title, focus);
  const add = () => {
    if (problem !== null) return;
    onAdd(ownFocusItem(title, crypto.randomUUID()));
    setTitle('');
  };
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" maw={520}>
      <TextInput
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          }
        }}
        placeholder={t('coaching.focus.ownPlaceholder')}
        aria-label={t('coaching.focus.ownLabel')}
        error={problem === 'duplicate' ? t('coaching.focus.ownDuplicate') : undefined}
        maxLength={MAX_FOCUS_TITLE_CHARS}
        size="xs"
        style={{ flex: 1 }}
        data-testid="focus-own"
      />
      <Button
        variant="default"
        size="xs"
        onClick={add}
        disabled={problem !== null}
        data-testid="focus-own-add"
      >
        {t('coaching.focus.ownAdd')}
      </Button>
    </Group>
  );
}
