import { Anchor, CloseButton, Grid, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InteractionDetail, Recording, Segment } from '../../../../../shared/api';
import type { Moment } from '../../../../../shared/api/methods/review';
import { formatDuration } from '../../../app/format';
import { useShortcutBindings } from '../../shortcuts/useShortcutBindings';
import { useShortcuts } from '../../shortcuts/useShortcuts';
import { MomentsPanel } from '../moments/MomentsPanel';
import { useMomentWorkspace } from '../moments/useMomentWorkspace';
import type { PlayerController } from '../player/controller';
import { DamageNotice } from '../player/DamageNotice';
import { Player } from '../player/Player';
import { createPlayerStore, usePlayerState } from '../player/player-store';
import { silencesFromTurns } from '../player/silences';
import { useResumePosition } from '../player/useResumePosition';
import { Transcript } from '../transcript/Transcript';
import { workspaceBreakpoints } from '../dock/workspace-grid';
import { nextTurnStart, previousTurnStart, timedTurns } from '../turns';
import { NO_MOMENTS, type WorkspaceOptions } from '../workspace-options';

/** Reviewing a call: the player above, the transcript and the moments side by side below. */
export function CallWorkspace({
  interaction,
  recording,
  moments: momentsOffered = true,
}: {
  interaction: InteractionDetail;
  recording: Recording;
} & WorkspaceOptions) {
  const { t } = useTranslation();
  const [store] = useState(createPlayerStore);
  // Callbacks read the player through a ref, so they stay the same and the memoized player and
  // transcript do not render again when it arrives; the state is for the hooks that wait for it.
  const player = useRef<PlayerController | null>(null);
  const [controller, setController] = useState<PlayerController | null>(null);
  const onController = useCallback((next: PlayerController | null) => {
    player.current = next;
    setController(next);
  }, []);
  const workspace = useMomentWorkspace(interaction.id);
  const { pin, select } = workspace;
  const bindings = useShortcutBindings();
  const turns = useMemo(() => timedTurns(interaction.segments), [interaction.segments]);
  const silences = useMemo(
    () => (turns.length > 0 ? silencesFromTurns(turns, recording.durationMs) : null),
    [turns, recording.durationMs],
  );
  // The player comes first: the transcript and the moments render once it is playable (or has given
  // up), in the background, so a two-hour call can be played before its thousand turns are laid out.
  const panelsShown = useDeferredValue(usePlayerState(store, (state) => state.settled));
  const resume = useResumePosition(interaction.id, recording.durationMs, store, controller);

  const addMomentNow = () => {
    const at = Math.round(player.current?.currentMs() ?? store.get().currentMs);
    void pin({ startMs: at });
  };
  useShortcuts('review', momentsOffered ? { addMoment: addMomentNow } : {});
  const moments = momentsOffered ? workspace.moments : NO_MOMENTS;

  const onTurn = useCallback(
    (direction: 1 | -1) => {
      const current = player.current;
      if (!current) return;
      const now = current.currentMs();
      const target = direction === 1 ? nextTurnStart(turns, now) : previousTurnStart(turns, now);
      if (target !== null) current.seek(target);
    },
    [turns],
  );
  // A turn's button says "Play from 0:08": it plays from there, also when the player was paused.
  const playFrom = useCallback((ms: number) => player.current?.play(ms), []);
  const playMoment = useCallback(
    (moment: Moment) => {
      select(moment.id);
      if (moment.startMs !== null) player.current?.play(moment.startMs);
    },
    [select],
  );
  const pinTurn = useCallback(
    (turn: Segment) =>
      void pin(
        turn.startMs !== null
          ? { startMs: turn.startMs, endMs: turn.endMs ?? turn.startMs, turnSeq: turn.seq }
          : { turnSeq: turn.seq },
      ),
    [pin],
  );
  const momentHandlers = useMemo(
    () => ({
      onOpen: (id: number) => {
        const moment = workspace.moments.find((m) => m.id === id);
        if (moment) playMoment(moment);
      },
      onMove: workspace.move,
      onRange: momentsOffered ? (startMs: number, endMs: number) => void pin({ startMs, endMs }) : null,
      mayMove: workspace.mayChange,
    }),
    [workspace.moments, workspace.move, workspace.mayChange, playMoment, pin, momentsOffered],
  );

  return (
    <Stack gap="sm">
      <Player
        recording={recording}
        store={store}
        moments={moments}
        selectedMomentId={workspace.selectedId}
        tags={workspace.tags.byId}
        silences={silences}
        momentHandlers={momentHandlers}
        onTurn={turns.length > 0 ? onTurn : null}
        onController={onController}
      />
      {recording.damage && <DamageNotice damage={recording.damage} />}
      {resume.resumedAtMs !== null && (
        <Group gap="xs" px="xs" data-testid="resume-notice">
          <Text size="sm" c="dimmed">
            {t('review.resumed', { time: formatDuration(resume.resumedAtMs) })}
          </Text>
          <Anchor component="button" size="sm" onClick={resume.startOver}>
            {t('review.startOver')}
          </Anchor>
          <CloseButton size="sm" onClick={resume.dismiss} aria-label={t('review.dismiss')} />
        </Group>
      )}
      {panelsShown ? (
        <Grid type="container" breakpoints={workspaceBreakpoints}>
          <Grid.Col span={{ base: 12, lg: momentsOffered ? 7 : 12 }}>
            <Transcript
              segments={interaction.segments}
              store={store}
              moments={moments}
              onPlay={playFrom}
              onPin={momentsOffered ? pinTurn : null}
              onOpenMoment={playMoment}
            />
          </Grid.Col>
          {momentsOffered && (
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <MomentsPanel
                workspace={workspace}
                onAdd={addMomentNow}
                onPlay={playMoment}
                addKeys={bindings.addMoment[0]}
                emptyHint={t('review.moments.emptyCall')}
              />
            </Grid.Col>
          )}
        </Grid>
      ) : (
        <Loader size="sm" data-testid="panels-loading" />
      )}
    </Stack>
  );
}
