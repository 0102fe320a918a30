import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { languages, type Language } from '../../../../shared/api';
import type { RubricSummary } from '../../../../shared/api/methods/rubrics';
import type { RubricKind } from '../../../../shared/rubric/schema';
import { api } from '../../api/client';
import { languageNames } from '../../i18n';
import { RequireProfile } from '../profiles/RequireProfile';

/** A new rubric: empty, or a copy of an existing one's latest version to adapt (a built-in one, say). */
export function NewRubricDialog({
  opened,
  onClose,
  rubrics,
}: {
  opened: boolean;
  onClose: () => void;
  rubrics: readonly RubricSummary[];
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('rubrics.new.title')} data-testid="new-rubric-dialog">
      <RequireProfile>{() => <NewRubricForm rubrics={rubrics} />}</RequireProfile>
    </Modal>
  );
}

function NewRubricForm({ rubrics }: { rubrics: readonly RubricSummary[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<string>(i18n.language);
  const [kind, setKind] = useState<RubricKind>('evaluation');
  const [copyOf, setCopyOf] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => {
      const source = rubrics.find((r) => String(r.id) === copyOf);
      return api.rubric.create({
        name,
        language,
        kind: source?.kind ?? kind,
        ...(source?.latestVersion ? { copyOfVersionId: source.latestVersion.id } : {}),
      });
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['rubrics'] });
      void navigate(`/rubrics/${created.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '') create.mutate();
  };
  const copyable = rubrics.filter((r) => r.latestVersion !== null);

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('rubrics.fields.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          required
          data-autofocus
          data-testid="new-rubric-name"
        />
        <Select
          label={t('rubrics.fields.language')}
          data={languages.map((value) => ({ value, label: languageNames[value as Language] }))}
          value={language}
          allowDeselect={false}
          onChange={(value) => value && setLanguage(value)}
        />
        <Select
          label={t('rubrics.new.copyOf')}
          description={t('rubrics.new.copyOfHint')}
          placeholder={t('rubrics.new.empty')}
          data={copyable.map((r) => ({
            value: String(r.id),
            label: `${r.name} (${r.language}, ${t('rubrics.versionLabel', { version: r.latestVersion!.version })})`,
          }))}
          value={copyOf}
          clearable
          searchable
          onChange={setCopyOf}
          data-testid="new-rubric-copy-of"
        />
        {copyOf === null && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('rubrics.fields.kind')}
            </Text>
            <SegmentedControl
              data={[
                { value: 'evaluation', label: t('rubrics.kinds.evaluation') },
                { value: 'mysteryChecklist', label: t('rubrics.kinds.mysteryChecklist') },
              ]}
              value={kind}
              onChange={(value) => setKind(value as RubricKind)}
            />
          </Stack>
        )}
        {create.error && <Alert color="red">{create.error.message}</Alert>}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={create.isPending}
            disabled={name.trim() === ''}
            data-testid="new-rubric-create"
          >
            {t('rubrics.new.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
