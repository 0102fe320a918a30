import { Alert, Badge, Button, Card, CloseButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_KEYS_PER_SHORTCUT,
  shortcutProblems,
  type ShortcutBindings,
  type ShortcutId,
  type ShortcutSettings as Settings,
} from '../../../../shared/api/methods/review';
import { api } from '../../api/client';
import { KeysLabel } from './KeysLabel';
import { shortcutGroups } from './shortcut-groups';
import { shortcutProblemText } from './shortcut-problem-text';
import { useKeyRecorder } from './useKeyRecorder';
import { SHORTCUTS_QUERY_KEY, useShortcutSettings } from './useShortcutBindings';
import { RECORDING_ATTRIBUTE } from './useShortcuts';

/**
 * The settings section for keyboard shortcuts: every action with its keys, a way to add a key by pressing
 * it, remove one, or go back to the defaults. A clash or a key the browser owns is explained at once and
 * not saved; the backend checks again.
 */
export function ShortcutSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useShortcutSettings();
  const [recording, setRecording] = useState<ShortcutId | null>(null);
  const [problem, setProblem] = useState<{ id: ShortcutId; text: string } | null>(null);
  const saved = (next: Settings) => queryClient.setQueryData(SHORTCUTS_QUERY_KEY, next);
  const update = useMutation({
    mutationFn: (bindings: Partial<ShortcutBindings>) => api.shortcuts.update({ bindings }),
    onSuccess: saved,
    onError: (error, bindings) =>
      setProblem({ id: Object.keys(bindings)[0] as ShortcutId, text: error.message }),
  });
  const reset = useMutation({
    mutationFn: (ids?: ShortcutId[]) => api.shortcuts.reset(ids ? { ids } : {}),
    onSuccess: saved,
    onError: (error, ids) => setProblem({ id: ids?.[0] ?? 'help', text: error.message }),
  });

  const change = (id: ShortcutId, keys: string[]) => {
    const found = shortcutProblems({ ...settings.bindings, [id]: keys }).find(
      (p) => p.id === id || (p.kind === 'conflict' && p.other === id),
    );
    if (found) {
      const subject =
        found.kind === 'conflict' && found.id !== id ? { ...found, id, other: found.id } : found;
      return setProblem({ id, text: shortcutProblemText(t, subject) });
    }
    setProblem(null);
    update.mutate({ [id]: keys });
  };

  const onKeys = (keys: string) => {
    if (!recording) return;
    setRecording(null);
    const current = settings.bindings[recording];
    if (!current.includes(keys)) change(recording, [...current, keys]);
  };
  useKeyRecorder(recording !== null, onKeys, () => setRecording(null));

  return (
    <Card withBorder data-testid="shortcut-settings">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('shortcuts.settings.title')}</Title>
        <Button
          variant="subtle"
          size="xs"
          onClick={() => reset.mutate(undefined)}
          disabled={settings.customized.length === 0}
          data-testid="shortcuts-reset-all"
        >
          {t('shortcuts.settings.resetAll')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('shortcuts.settings.intro')}
      </Text>
      <Stack gap="md">
        {shortcutGroups.map((group) => (
          <Table key={group.id} verticalSpacing={4} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th colSpan={3}>{t(`shortcuts.groups.${group.id}`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {group.actions.map((id) => (
                <Table.Tr key={id} data-testid="shortcut-setting" data-action={id}>
                  <Table.Td>
                    <Text size="sm">{t(`shortcuts.actions.${id}`)}</Text>
                    {problem?.id === id && (
                      <Text size="xs" c="red" data-testid="shortcut-problem">
                        {problem.text}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      {settings.bindings[id].map((keys) => (
                        <Group key={keys} gap={0} wrap="nowrap">
                          <KeysLabel keys={keys} />
                          <CloseButton
                            size="xs"
                            aria-label={t('shortcuts.settings.remove', { keys })}
                            onClick={() =>
                              change(
                                id,
                                settings.bindings[id].filter((k) => k !== keys),
                              )
                            }
                          />
                        </Group>
                      ))}
                      {recording === id && (
                        <Badge
                          variant="outline"
                          {...{ [RECORDING_ATTRIBUTE]: '' }}
                          data-testid="shortcut-recording"
                        >
                          {t('shortcuts.settings.pressKey')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td w={190}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="light"
                        onClick={() => setRecording(recording === id ? null : id)}
                        disabled={settings.bindings[id].length >= MAX_KEYS_PER_SHORTCUT}
                        data-testid="shortcut-add"
                      >
                        {t('shortcuts.settings.add')}
                      </Button>
                      {settings.customized.includes(id) && (
                        <Button size="compact-xs" variant="subtle" onClick={() => reset.mutate([id])}>
                          {t('shortcuts.settings.reset')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
      </Stack>
      {(update.isError || reset.isError) && problem === null && (
        <Alert color="red" mt="sm">
          {(update.error ?? reset.error)?.message}
        </Alert>
      )}
    </Card>
  );
}
