import { Alert, Loader, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { InteractionDetail } from '../../../../shared/api';
import { api } from '../../api/client';
import { useShortcuts } from '../shortcuts/useShortcuts';
import { CallWorkspace } from './call/CallWorkspace';
import { TranscriptOnlyWorkspace } from './call/TranscriptOnlyWorkspace';
import { ChatWorkspace } from './chat/ChatWorkspace';
import { dockFromSearch, searchWithDock, type DockState } from './dock/dock-url';
import { EvaluationDock, focusDockedForm } from './dock/EvaluationDock';
import { SplitView } from './dock/SplitView';
import { useDockShare } from './dock/useDockShare';
import { BackLink, InteractionHeader } from './InteractionHeader';
import { overviewPeaksQuery } from './player/overview-peaks';

/**
 * The review workspace of one call or chat, with the evaluation form docked beside it when the address
 * says so (`?dock=evaluation`, see dock/dock-url.ts): Evaluate (or E) opens it, Back closes it again.
 */
export function InteractionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  // The library passes its view (filters and sort) along, for the way back and for next/previous.
  const location = useLocation();
  const librarySearch = (location.state as { librarySearch?: string } | null)?.librarySearch ?? '';
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
  // Keyed by id: moving to the next interaction starts a fresh workspace (player, moments, position).
  return <Workspace key={interaction.data.id} item={interaction.data} librarySearch={librarySearch} />;
}

function Workspace({ item, librarySearch }: { item: InteractionDetail; librarySearch: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const dock = dockFromSearch(search);
  const share = useDockShare();
  const panel = useRef<HTMLDivElement>(null);
  const workspacePane = useRef<HTMLDivElement>(null);
  // The router state (the library's view) travels with every change of the address.
  const setDock = (next: DockState, replace = false) =>
    setSearch(searchWithDock(search, next), { replace, state: location.state });
  const openOrEnter = () =>
    dock.open ? focusDockedForm(panel.current) : setDock({ open: true, evaluationId: undefined });
  useShortcuts('review', { evaluate: openOrEnter });

  const workspace: ReactNode =
    item.kind === 'chat' ? (
      <ChatWorkspace interaction={item} />
    ) : item.recording ? (
      <CallWorkspace interaction={item} recording={item.recording} />
    ) : (
      <TranscriptOnlyWorkspace interaction={item} />
    );

  return (
    <Stack
      gap="sm"
      data-testid="interaction"
      data-state="ready"
      data-kind={item.kind}
      data-id={item.id}
      data-docked={dock.open}
      // Docked, the page fills the window and each side scrolls on its own.
      h={
        dock.open
          ? 'calc(100dvh - var(--app-shell-header-offset, 0px) - 2 * var(--mantine-spacing-md))'
          : undefined
      }
    >
      <InteractionHeader
        interaction={item}
        librarySearch={librarySearch}
        evaluating={dock.open}
        onEvaluate={() => (dock.open ? setDock({ open: false, evaluationId: undefined }) : openOrEnter())}
      />
      <SplitView
        start={workspace}
        startRef={workspacePane}
        end={
          dock.open ? (
            <EvaluationDock
              panelRef={panel}
              interactionId={item.id}
              evaluationId={dock.evaluationId}
              onEvaluationChange={(next) => setDock({ open: true, evaluationId: next }, true)}
              onSubmitted={(detail) => navigate(`/interaction/${item.id}/evaluate?evaluation=${detail.id}`)}
              onLeave={() => workspacePane.current?.focus()}
              onClose={() => setDock({ open: false, evaluationId: undefined })}
            />
          ) : null
        }
        share={share.share}
        onShare={share.move}
        onShareDone={share.rest}
        label={t('review.dock.separator')}
        valueText={(percent) => t('review.dock.separatorValue', { percent })}
        endId="evaluation-dock-pane"
        storedShare={share.stored}
      />
    </Stack>
  );
}
