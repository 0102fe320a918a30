import { Card, Checkbox, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportRequest } from '../../../../shared/api';
import { api } from '../../api/client';
import { CheckFiles } from './CheckFiles';

export interface PathsForm {
  /** As typed: one path per line. */
  paths: string;
  copy: boolean;
}

/** What the user chose on the plan, kept when they go back to the paths. */
export type PlanChoices = Pick<ImportRequest, 'namePattern' | 'transcriptMatches' | 'pairLegs'>;

/** Step 1: which files and folders. Paths are on this computer: the backend reads them where they are. */
export function PathsStep({
  form,
  onChange,
  choices,
  onPlanned,
}: {
  form: PathsForm;
  onChange: (form: PathsForm) => void;
  /** What the user chose on the plan before going back: kept for the next look. */
  choices: PlanChoices;
  onPlanned: (request: ImportRequest, plan: ImportPlan) => void;
}) {
  const { t } = useTranslation();
  const list = form.paths
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const preview = useMutation({
    mutationFn: async () => {
      // Legs that pair by name are offered paired: that is what nearly everyone wants.
      const request: ImportRequest = { paths: list, copyRecordings: form.copy, pairLegs: true, ...choices };
      return { request, plan: await api.import.preview(request) };
    },
    onSuccess: ({ request, plan }) => onPlanned(request, plan),
  });

  return (
    <Card withBorder>
      <Stack>
        <Text>{t('import.paths.intro')}</Text>
        <Textarea
          label={t('import.paths.label')}
          description={t('import.paths.hint')}
          placeholder="/home/qa/exports/2026-11"
          autosize
          minRows={3}
          value={form.paths}
          onChange={(event) => onChange({ ...form, paths: event.currentTarget.value })}
          data-testid="import-paths"
        />
        <Checkbox
          label={t('import.paths.copy')}
          checked={form.copy}
          onChange={(event) => onChange({ ...form, copy: event.currentTarget.checked })}
          data-testid="import-copy"
        />
        <CheckFiles preview={preview} disabled={list.length === 0} />
      </Stack>
    </Card>
  );
}
