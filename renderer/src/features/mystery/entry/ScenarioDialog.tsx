import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MysteryScenario } from '../../../../../shared/api/methods/mystery';
import { api } from '../../../api/client';

export const SCENARIOS_KEY = ['mystery', 'scenarios'] as const;

/** Adds a scenario to the library, or edits one: what the shopper asks, the provocative question, a good answer. */
export function ScenarioDialog({
  scenario,
  onClose,
  onSaved,
}: {
  /** The scenario to edit; null for a new one. */
  scenario: MysteryScenario | null;
  onClose: () => void;
  onSaved: (scenario: MysteryScenario) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    title: scenario?.title ?? '',
    script: scenario?.script ?? '',
    provocativeQuestion: scenario?.provocativeQuestion ?? '',
    goodAnswer: scenario?.goodAnswer ?? '',
  });
  const save = useMutation({
    mutationFn: () => api.scenario.save({ ...(scenario ? { id: scenario.id } : {}), ...draft }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: SCENARIOS_KEY });
      onSaved(saved);
    },
  });
  const [tried, setTried] = useState(false);
  const titleMissing = tried && draft.title.trim() === '';
  const field = (key: keyof typeof draft) => ({
    value: draft[key],
    onChange: (event: { currentTarget: { value: string } }) =>
      setDraft({ ...draft, [key]: event.currentTarget.value }),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      returnFocus={false}
      title={scenario ? t('mysteryEntry.scenario.editTitle') : t('mysteryEntry.scenario.newTitle')}
      size="lg"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (draft.title.trim() !== '') save.mutate();
        }}
        data-testid="scenario-dialog"
      >
        <Stack gap="sm">
          <TextInput
            label={t('mysteryEntry.scenario.title')}
            required
            data-autofocus
            error={titleMissing ? t('mysteryEntry.scenario.titleMissing') : undefined}
            {...field('title')}
            data-testid="scenario-title"
          />
          <Textarea
            label={t('mysteryEntry.scenario.script')}
            description={t('mysteryEntry.scenario.scriptHint')}
            autosize
            minRows={2}
            {...field('script')}
            data-testid="scenario-script"
          />
          <Textarea
            label={t('mysteryEntry.scenario.provocativeQuestion')}
            autosize
            minRows={1}
            {...field('provocativeQuestion')}
            data-testid="scenario-question"
          />
          <Textarea
            label={t('mysteryEntry.scenario.goodAnswer')}
            autosize
            minRows={1}
            {...field('goodAnswer')}
            data-testid="scenario-good-answer"
          />
          {save.error && (
            <Alert color="red" data-testid="scenario-error">
              {save.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('mysteryEntry.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="scenario-save">
              {t('mysteryEntry.scenario.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
