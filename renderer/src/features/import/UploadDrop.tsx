import { ActionIcon, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Breakable } from '../../app/Breakable';
import { sizeWords, type UploadItem } from './team-choice';
import { uploadFile, UploadRefused } from './upload-file';
import { uploadRefusalText } from './upload-refusal';
import classes from './UploadDrop.module.css';

let nextKey = 0;

/**
 * Files dropped here (or chosen) are sent to the team server's storage at once, each with its progress;
 * a file over the server's limit is refused before it is sent, in the user's words.
 */
export function UploadDrop({
  items,
  maxBytes,
  onAdd,
  onChange,
  onRemove,
  single,
}: {
  items: UploadItem[];
  maxBytes: number;
  onAdd: (items: UploadItem[]) => void;
  onChange: (key: string, patch: Partial<UploadItem>) => void;
  onRemove: (key: string) => void;
  /** One file of these kinds only (a mystery-shop spreadsheet), with the words for it. */
  single?: { accept: string; drop: string; choose: string; limit: string };
}) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const limit = sizeWords(maxBytes, i18n.language);

  const take = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const added = [...files]
      .slice(0, single ? 1 : undefined)
      .map((file) => ({ file, key: `upload-${++nextKey}` }));
    onAdd(
      added.map(({ file, key }) => {
        const tooBig = file.size > maxBytes;
        return {
          key,
          name: file.name,
          size: file.size,
          state: tooBig ? 'failed' : 'sending',
          sentBytes: 0,
          path: null,
          file: tooBig ? null : file,
          error: tooBig
            ? t('import.team.tooBig', { size: sizeWords(file.size, i18n.language), limit })
            : null,
        } satisfies UploadItem;
      }),
    );
    for (const { file, key } of added) {
      if (file.size > maxBytes) continue;
      void send(key, file);
    }
  };

  const send = (key: string, file: File) =>
    uploadFile(file, (sentBytes) => onChange(key, { sentBytes })).then(
      ({ path }) => onChange(key, { state: 'sent', path, sentBytes: file.size }),
      (error: unknown) =>
        onChange(key, {
          state: 'failed',
          error:
            error instanceof UploadRefused
              ? uploadRefusalText(t, i18n.language, error, file, maxBytes)
              : error instanceof Error
                ? error.message
                : String(error),
        }),
    );

  // A new upload of the same file: nothing half-sent before counts.
  const again = (item: UploadItem) => {
    if (!item.file) return;
    onChange(item.key, { state: 'sending', sentBytes: 0, error: null });
    void send(item.key, item.file);
  };

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="lg"
        className={classes.zone}
        data-over={over || undefined}
        data-testid="import-dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          take(event.dataTransfer.files);
        }}
      >
        <Stack align="center" gap={6}>
          <Text fw={500}>{single?.drop ?? t('import.team.drop')}</Text>
          <Text size="sm" c="dimmed">
            {single?.limit ?? t('import.team.limit', { limit })}
          </Text>
          <Button variant="light" onClick={() => input.current?.click()} data-testid="import-choose-files">
            {single?.choose ?? t('import.team.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            multiple={!single}
            accept={single?.accept}
            hidden
            data-testid="import-file-input"
            onChange={(event) => {
              take(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
          />
        </Stack>
      </Paper>
      {items.map((item) => (
        <Group key={item.key} wrap="nowrap" gap="sm" data-testid="import-upload" data-state={item.state}>
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate>
                {item.name}
              </Text>
              <Text size="xs" c={item.state === 'failed' ? 'red' : 'dimmed'} style={{ flexShrink: 0 }}>
                {item.state === 'sending'
                  ? t('import.team.sending', {
                      percent: item.size ? Math.floor((item.sentBytes / item.size) * 100) : 100,
                    })
                  : t(`import.team.${item.state}`)}
              </Text>
            </Group>
            {item.state === 'sending' && (
              <Progress size="sm" value={item.size ? (item.sentBytes / item.size) * 100 : 100} animated />
            )}
            {item.error && (
              <Text size="xs" c="red" data-testid="import-upload-error">
                <Breakable text={item.error} />
              </Text>
            )}
          </Stack>
          {item.state === 'failed' && item.file && (
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => again(item)}
              data-testid="import-upload-again"
            >
              {t('import.team.again')}
            </Button>
          )}
          {item.state !== 'sending' && (
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('import.team.remove', { name: item.name })}
              onClick={() => onRemove(item.key)}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
    </Stack>
  );
}
