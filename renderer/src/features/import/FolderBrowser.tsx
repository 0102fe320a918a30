import { Anchor, Button, Checkbox, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerFiles } from '../../../../shared/api';
import { api } from '../../api/client';
import { Breakable } from '../../app/Breakable';
import { sizeWords, type PickedPath } from './team-choice';

/**
 * The administrator's import folders on the team server, browsed in place: open a folder, tick files or
 * whole folders to import. The server lists only what lies inside those folders.
 */
export function FolderBrowser({
  folders,
  picked,
  onPick,
}: {
  folders: ServerFiles['folders'];
  picked: PickedPath[];
  onPick: (pick: PickedPath, on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const [path, setPath] = useState<string | null>(null);
  const listing = useQuery({
    queryKey: ['import', 'browse', path],
    queryFn: () => api.import.browse({ path }),
  });
  const labelOf = (full: string) => {
    const root = folders.find((folder) => full === folder.path || full.startsWith(`${folder.path}/`));
    return root ? `${root.name}${full.slice(root.path.length)}` : full;
  };

  return (
    <Stack gap="xs" data-testid="import-folders" data-path={path ?? ''}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={500} truncate>
          {path === null ? t('import.team.folders') : labelOf(path)}
        </Text>
        {path !== null && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setPath(listing.data?.parent ?? null)}
            data-testid="import-folder-up"
          >
            {t('import.team.up')}
          </Button>
        )}
      </Group>
      {listing.isPending && <Loader size="sm" />}
      {listing.error && (
        <Text size="sm" c="red">
          <Breakable text={listing.error.message} />
        </Text>
      )}
      {listing.data && (
        <ScrollArea.Autosize mah={280}>
          <Stack gap={4}>
            {listing.data.entries.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('import.team.emptyFolder')}
              </Text>
            )}
            {listing.data.entries.map((entry) => (
              <Group key={entry.path} gap="xs" wrap="nowrap" data-testid="import-folder-entry">
                <Checkbox
                  aria-label={t('import.team.pick', { name: entry.name })}
                  checked={picked.some((pick) => pick.path === entry.path)}
                  onChange={(event) =>
                    onPick(
                      { path: entry.path, label: labelOf(entry.path), folder: entry.folder },
                      event.currentTarget.checked,
                    )
                  }
                />
                {entry.folder ? (
                  <Anchor component="button" size="sm" onClick={() => setPath(entry.path)} truncate>
                    {entry.name}/
                  </Anchor>
                ) : (
                  <Text size="sm" truncate style={{ flex: 1 }}>
                    {entry.name}
                  </Text>
                )}
                {entry.size !== null && (
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    {sizeWords(entry.size, i18n.language)}
                  </Text>
                )}
              </Group>
            ))}
            {listing.data.more && (
              <Text size="xs" c="dimmed">
                {t('import.team.more', { count: listing.data.entries.length })}
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
