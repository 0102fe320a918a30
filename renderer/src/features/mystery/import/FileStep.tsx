import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MysterySheetPreview } from '../../../../../shared/api/methods/mystery-import';
import { api } from '../../../api/client';
import { Breakable } from '../../../app/Breakable';
import { useSessionAccount } from '../../account/account-context';
import type { FileForm } from './team-sheet';
import { TeamSheetChoice } from './TeamSheetChoice';

/**
 * Step 1: the agency's spreadsheet and, if it sent them, the folder of recordings: paths on this
 * computer on the workstation; uploaded or chosen from the server's folders on a team server.
 */
export function FileStep({
  form,
  onChange,
  onRead,
}: {
  form: FileForm;
  onChange: (update: (form: FileForm) => FileForm) => void;
  onRead: (sheet: MysterySheetPreview) => void;
}) {
  const { t, i18n } = useTranslation();
  const onTeamServer = useSessionAccount() !== null;
  const sending = form.upload?.state === 'sending';
  const read = useMutation({
    mutationFn: () => api.mysteryImport.preview({ path: form.path.trim(), language: i18n.language }),
    onSuccess: onRead,
  });
  return (
    <Card withBorder>
      <Stack>
        <Text>{t('mysteryImport.file.intro')}</Text>
        {onTeamServer && <TeamSheetChoice form={form} onChange={onChange} />}
        {!onTeamServer && (
          <>
            <TextInput
              label={t('mysteryImport.file.path')}
              description={t('mysteryImport.file.pathHint')}
              placeholder="/home/qa/agentur/welle1.csv"
              value={form.path}
              onChange={(event) => {
                const path = event.currentTarget.value;
                onChange((current) => ({ ...current, path }));
              }}
              data-testid="mystery-import-path"
            />
            <TextInput
              label={t('mysteryImport.file.recordings')}
              description={t('mysteryImport.file.recordingsHint')}
              placeholder="/home/qa/agentur/aufnahmen"
              value={form.recordings}
              onChange={(event) => {
                const recordings = event.currentTarget.value;
                onChange((current) => ({ ...current, recordings }));
              }}
              data-testid="mystery-import-recordings"
            />
          </>
        )}
        {read.error && (
          <Text c="red" data-testid="mystery-import-error">
            <Breakable text={read.error.message} />
          </Text>
        )}
        <Group>
          <Button
            onClick={() => read.mutate()}
            loading={read.isPending}
            disabled={form.path.trim() === '' || sending}
            data-testid="mystery-import-read"
          >
            {t('mysteryImport.file.read')}
          </Button>
          {sending && (
            <Text size="sm" c="dimmed">
              {t('mysteryImport.file.team.wait')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
