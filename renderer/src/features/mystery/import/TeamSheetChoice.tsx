import { Divider, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { Breakable } from '../../../app/Breakable';
import { FolderBrowser } from '../../import/FolderBrowser';
import { sizeWords } from '../../import/team-choice';
import { UploadDrop } from '../../import/UploadDrop';
import { withPick, withUpload, type FileForm } from './team-sheet';

const SHEETS =
  '.csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A team server cannot read this computer's disk: the agency's spreadsheet is uploaded to the server
 * (the same upload routes, limit and checks as recordings), or ticked in the administrator's folders,
 * where a ticked folder is the one with the shops' recordings.
 */
export function TeamSheetChoice({
  form,
  onChange,
}: {
  form: FileForm;
  onChange: (update: (form: FileForm) => FileForm) => void;
}) {
  const { t, i18n } = useTranslation();
  const server = useQuery({ queryKey: ['import', 'serverFiles'], queryFn: () => api.import.serverFiles({}) });
  const picked = [form.picked, form.pickedRecordings].flatMap((pick) => (pick ? [pick] : []));
  return (
    <Stack data-testid="mystery-import-team">
      {server.error && (
        <Text c="red">
          <Breakable text={server.error.message} />
        </Text>
      )}
      {server.data && (
        <UploadDrop
          single={{
            accept: SHEETS,
            drop: t('mysteryImport.file.team.drop'),
            choose: t('mysteryImport.file.team.choose'),
            limit: t('mysteryImport.file.team.limit', {
              limit: sizeWords(server.data.maxUploadBytes, i18n.language),
            }),
          }}
          items={form.upload ? [form.upload] : []}
          maxBytes={server.data.maxUploadBytes}
          onAdd={([item]) => item && onChange((current) => withUpload(current, item))}
          onChange={(key, patch) =>
            onChange((current) =>
              current.upload?.key === key ? withUpload(current, { ...current.upload, ...patch }) : current,
            )
          }
          onRemove={() => onChange((current) => ({ ...current, upload: null, path: '' }))}
        />
      )}
      {server.data && server.data.folders.length > 0 && (
        <>
          <Divider label={t('import.team.or')} />
          <Text size="sm" c="dimmed">
            {t('mysteryImport.file.team.folders')}
          </Text>
          <FolderBrowser
            folders={server.data.folders}
            picked={picked}
            onPick={(pick, on) => onChange((current) => withPick(current, pick, on))}
          />
          {form.picked && (
            <Text size="sm" data-testid="mystery-import-picked-sheet">
              <Breakable text={t('mysteryImport.file.team.sheet', { name: form.picked.label })} />
            </Text>
          )}
          {form.pickedRecordings && (
            <Text size="sm" data-testid="mystery-import-picked-recordings">
              <Breakable
                text={t('mysteryImport.file.team.recordings', { name: form.pickedRecordings.label })}
              />
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
