import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MysterySheetPreview } from '../../../../../shared/api/methods/mystery-import';
import { api } from '../../../api/client';
import { Breakable } from '../../../app/Breakable';

export interface FileForm {
  /** The spreadsheet, as typed: a path on this computer. */
  path: string;
  /** The folder of recordings (optional). */
  recordings: string;
}

/** Step 1: the agency's spreadsheet and, if it sent them, the folder of recordings. */
export function FileStep({
  form,
  onChange,
  onRead,
}: {
  form: FileForm;
  onChange: (form: FileForm) => void;
  onRead: (sheet: MysterySheetPreview) => void;
}) {
  const { t, i18n } = useTranslation();
  const read = useMutation({
    mutationFn: () => api.mysteryImport.preview({ path: form.path.trim(), language: i18n.language }),
    onSuccess: onRead,
  });
  return (
    <Card withBorder>
      <Stack>
        <Text>{t('mysteryImport.file.intro')}</Text>
        <TextInput
          label={t('mysteryImport.file.path')}
          description={t('mysteryImport.file.pathHint')}
          placeholder="/home/qa/agentur/welle1.csv"
          value={form.path}
          onChange={(event) => onChange({ ...form, path: event.currentTarget.value })}
          data-testid="mystery-import-path"
        />
        <TextInput
          label={t('mysteryImport.file.recordings')}
          description={t('mysteryImport.file.recordingsHint')}
          placeholder="/home/qa/agentur/aufnahmen"
          value={form.recordings}
          onChange={(event) => onChange({ ...form, recordings: event.currentTarget.value })}
          data-testid="mystery-import-recordings"
        />
        {read.error && (
          <Text c="red" data-testid="mystery-import-error">
            <Breakable text={read.error.message} />
          </Text>
        )}
        <Group>
          <Button
            onClick={() => read.mutate()}
            loading={read.isPending}
            disabled={form.path.trim() === ''}
            data-testid="mystery-import-read"
          >
            {t('mysteryImport.file.read')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
