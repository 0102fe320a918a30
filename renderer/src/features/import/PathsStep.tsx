import { Button, Card, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportRequest } from '../../../../shared/api';
import { api } from '../../api/client';

/** Step 1: which files and folders. Paths are on this computer: the backend reads them where they are. */
export function PathsStep({ onPlanned }: { onPlanned: (request: ImportRequest, plan: ImportPlan) => void }) {
  const { t } = useTranslation();
  const [paths, setPaths] = useState('');
  const [copy, setCopy] = useState(false);
  const list = paths
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const preview = useMutation({
    mutationFn: async () => {
      const request: ImportRequest = { paths: list, copyRecordings: copy };
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
          value={paths}
          onChange={(event) => setPaths(event.currentTarget.value)}
          data-testid="import-paths"
        />
        <Checkbox
          label={t('import.paths.copy')}
          checked={copy}
          onChange={(event) => setCopy(event.currentTarget.checked)}
          data-testid="import-copy"
        />
        {preview.error && (
          <Text c="red" data-testid="import-error">
            {preview.error.message}
          </Text>
        )}
        <Group>
          <Button
            onClick={() => preview.mutate()}
            loading={preview.isPending}
            disabled={list.length === 0}
            data-testid="import-preview"
          >
            {t('import.paths.preview')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
