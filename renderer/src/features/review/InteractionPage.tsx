import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { api } from '../../api/client';
import { CallWorkspace } from './call/CallWorkspace';
import { ChatWorkspace } from './chat/ChatWorkspace';
import { BackLink, InteractionHeader } from './InteractionHeader';
import { overviewPeaksQuery } from './player/overview-peaks';

/** The review workspace of one call or chat. */
export function InteractionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  // The library passes its view (filters and sort) along, for the way back and for next/previous.
  const librarySearch = (useLocation().state as { librarySearch?: string } | null)?.librarySearch ?? '';
  const queryClient = useQueryClient();
  const interaction = useQuery({
    queryKey: ['interaction', id],
    queryFn: async () => {
      const detail = await api.interaction.get({ id });
      // Ask for the waveform at once, while the workspace renders, rather than once the player mounts.
      if (detail.recording) void queryClient.prefetchQuery(overviewPeaksQuery(detail.recording));
      return detail;
    },
    enabled: Number.isInteger(id) && id > 0,
  });

  if (interaction.isPending) return <Loader />;
  if (interaction.isError) {
    return (
      <Stack>
        <BackLink librarySearch={librarySearch} />
        <Alert color="red">{t('errors.generic', { message: interaction.error.message })}</Alert>
      </Stack>
    );
  }
  const item = interaction.data;
  return (
    // Keyed by id: moving to the next interaction starts a fresh workspace (player, moments, position).
    <Stack
      key={item.id}
      gap="sm"
      data-testid="interaction"
      data-state="ready"
      data-kind={item.kind}
      data-id={item.id}
    >
      <InteractionHeader interaction={item} librarySearch={librarySearch} />
      {item.kind === 'chat' ? (
        <ChatWorkspace interaction={item} />
      ) : item.recording ? (
        <CallWorkspace interaction={item} recording={item.recording} />
      ) : (
        <Text c="dimmed">{t('review.noRecording')}</Text>
      )}
    </Stack>
  );
}
