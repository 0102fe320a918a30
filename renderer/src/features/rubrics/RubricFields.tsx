import {
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages } from '../../../../shared/api';
import type { DraftProblem, RubricDraft } from '../../../../shared/api/methods/rubric-draft';
import { languageNames } from '../../i18n';

/**
 * The rubric as a whole: its name, the language it is written in, what it is for, the pass mark an
 * evaluation must reach, and a description. `problems` are the draft's problems of the rubric itself.
 */
export function RubricFields({
  draft,
  onChange,
  problems = [],
}: {
  draft: RubricDraft;
  onChange: (changes: Partial<RubricDraft>) => void;
  problems?: readonly DraftProblem[];
}) {
  const { t } = useTranslation();
  const passMarkWrong = problems.some((problem) => problem.path[0] === 'passMark');
  const languageOptions = [
    ...languages.map((value) => ({ value, label: languageNames[value] })),
    // A rubric imported in another language keeps it.
    ...((languages as readonly string[]).includes(draft.language)
      ? []
      : [{ value: draft.language, label: draft.language }]),
  ];
  return (
    <Card withBorder data-testid="rubric-fields">
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
        <Group align="flex-start" gap="md" wrap="nowrap">
          <NumberInput
            w={160}
            label={t('rubrics.fields.passMark')}
            min={1}
            max={100}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            suffix=" %"
            value={draft.passMark}
            // Empty is kept as 0 so the draft still saves; the check below says what is wrong with it.
            onChange={(value) =>
              onChange({ passMark: typeof value === 'number' ? value : Number(value) || 0 })
            }
            error={passMarkWrong ? t('rubrics.fields.passMarkError') : undefined}
            data-testid="rubric-pass-mark"
          />
          <Text size="xs" c="dimmed" mt={28} maw={560}>
            {t('rubrics.fields.passMarkHint')}
          </Text>
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
