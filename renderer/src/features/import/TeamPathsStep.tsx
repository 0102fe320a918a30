import { Card, Divider, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportRequest } from '../../../../shared/api';
import { api } from '../../api/client';
import { Breakable } from '../../app/Breakable';
import { CheckFiles } from './CheckFiles';
import { FolderBrowser } from './FolderBrowser';
import type { PlanChoices } from './PathsStep';
import { chosenPaths, type TeamChoice, type UploadItem } from './team-choice';
import { UploadDrop } from './UploadDrop';

/**
 * Step 1 on a team server: the files are not on this computer's disk for the server to read, so they
 * are uploaded to its storage, or chosen from the folders its administrator set up. Then the same plan.
 */
export function TeamPathsStep({
  choice,
  onChange,
  choices,
  onPlanned,
}: {
  choice: TeamChoice;
  onChange: (update: (choice: TeamChoice) => TeamChoice) => void;
  choices: PlanChoices;
  onPlanned: (request: ImportRequest, plan: ImportPlan) => void;
}) {
  const { t } = useTranslation();
  const server = useQuery({ queryKey: ['import', 'serverFiles'], queryFn: () => api.import.serverFiles({}) });
  const paths = chosenPaths(choice);
  const sending = choice.uploads.some((item) => item.state === 'sending');
  const preview = useMutation({
    mutationFn: async () => {
      const request: ImportRequest = { paths, pairLegs: true, ...choices };
      return { request, plan: await api.import.preview(request) };
    },
    onSuccess: ({ request, plan }) => onPlanned(request, plan),
  });
  const patchUpload = (key: string, patch: Partial<UploadItem>) =>
    onChange((current) => ({
      ...current,
      uploads: current.uploads.map((item) => (item.key === key ? { ...item, ...patch } : item)),
    }));

  return (
    <Card withBorder data-testid="import-team">
      <Stack>
        <Text>{t('import.team.intro')}</Text>
        {server.error && (
          <Text c="red">
            <Breakable text={server.error.message} />
          </Text>
        )}
        {server.data && (
          <UploadDrop
            items={choice.uploads}
            maxBytes={server.data.maxUploadBytes}
            onAdd={(items) =>
              onChange((current) => ({ ...current, uploads: [...current.uploads, ...items] }))
            }
            onChange={patchUpload}
            onRemove={(key) =>
              onChange((current) => ({
                ...current,
                uploads: current.uploads.filter((item) => item.key !== key),
              }))
            }
          />
        )}
        {server.data && server.data.folders.length > 0 && (
          <>
            <Divider label={t('import.team.or')} />
            <FolderBrowser
              folders={server.data.folders}
              picked={choice.picked}
              onPick={(pick, on) =>
                onChange((current) => ({
                  ...current,
                  picked: on
                    ? [...current.picked.filter((other) => other.path !== pick.path), pick]
                    : current.picked.filter((other) => other.path !== pick.path),
                }))
              }
            />
            {choice.picked.length > 0 && (
              <Text size="sm" c="dimmed" data-testid="import-picked">
                {t('import.team.picked', {
                  count: choice.picked.length,
                  names: choice.picked.map((pick) => pick.label).join(', '),
                })}
              </Text>
            )}
          </>
        )}
        <CheckFiles preview={preview} disabled={paths.length === 0 || sending}>
          {sending && (
            <Text size="sm" c="dimmed">
              {t('import.team.waitForUploads')}
            </Text>
          )}
        </CheckFiles>
      </Stack>
    </Card>
  );
}
