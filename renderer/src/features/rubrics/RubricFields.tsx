import { Card, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages } from '../../../../shared/api';
import type { RubricDraft } from '../../../../shared/api/methods/rubric-draft';
import { languageNames } from '../../i18n';

/** The rubric as a whole: its name, the language it is written in, what it is for, and a description. */
export function RubricFields({
  draft,
  onChange,
}: {
  draft: RubricDraft;
  onChange: (changes: Partial<RubricDraft>) => void;
}) {
  const { t } = useTranslation();
  const languageOptions = [
    ...languages.map((value) => ({ value, label: languageNames[value] })),
    // A rubric imported in another language keeps it.
    ...((languages as readonly string[]).includes(draft.language)
      ? []
      : [{ value: draft.language, label: draft.language }]),
  ];
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            style={{ flex: 1, minWidth: 260 }}
            label={t('rubrics.fields.name')}
            value={draft.name}
            onChange={(event) => onChange({ name: event.currentTarget.value })}
            data-testid="rubric-name"
          />
          <Select
            w={220}
            label={t('rubrics.fields.language')}
            data={languageOptions}
            value={draft.language}
            allowDeselect={false}
            onChange={(value) => value && onChange({ language: value })}
            data-testid="rubric-language"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('rubrics.fields.kind')}
            </Text>
            <SegmentedControl
              data={[
                { value: 'evaluation', label: t('rubrics.kinds.evaluation') },
                { value: 'mysteryChecklist', label: t('rubrics.kinds.mysteryChecklist') },
              ]}
              value={draft.kind}
              onChange={(value) => onChange({ kind: value as RubricDraft['kind'] })}
            />
          </Stack>
        </Group>
        <Textarea
          label={t('rubrics.fields.description')}
          autosize
          minRows={1}
          maxRows={6}
          value={draft.description}
          onChange={(event) => onChange({ description: event.currentTarget.value })}
          data-testid="rubric-description"
        />
      </Stack>
    </Card>
  );
}
