import { Alert, Grid, Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InteractionDetail, Segment } from '../../../../../shared/api';
import type { Moment } from '../../../../../shared/api/methods/review';
import { useShortcutBindings } from '../../shortcuts/useShortcutBindings';
import { useShortcuts } from '../../shortcuts/useShortcuts';
import { MomentsPanel } from '../moments/MomentsPanel';
import { useMomentWorkspace } from '../moments/useMomentWorkspace';
import { createPlayerStore } from '../player/player-store';
import { Transcript } from '../transcript/Transcript';
import { activeTurnIndex, timedTurns } from '../turns';
import { NO_MOMENTS, type WorkspaceOptions } from '../workspace-options';

/**
 * A call imported as its transcript only (the recording was not there): the transcript to read and
 * search, with moments pinned to its turns, as for a chat.
 */
export function TranscriptOnlyWorkspace({
  interaction,
  moments: momentsOffered = true,
}: { interaction: InteractionDetail } & WorkspaceOptions) {
  const { t } = useTranslation();
  // Nothing plays, so no turn is "being heard": the position stays before the first turn.
  const [store] = useState(() => {
    const created = createPlayerStore();
    created.set({ currentMs: -1, settled: true });
    return created;
  });
  const workspace = useMomentWorkspace(interaction.id);
  const { pin, select } = workspace;
  const bindings = useShortcutBindings();
  const pinTurn = useCallback((turn: Segment) => void pin({ turnSeq: turn.seq }), [pin]);
  const openMoment = useCallback((moment: Moment) => select(moment.id), [select]);
  // Clicking a turn marks it as the one being read: M pins that turn.
  const readFrom = useCallback((ms: number) => store.set({ currentMs: ms }), [store]);
  const addMoment = () => {
    const turns = timedTurns(interaction.segments);
    const reading = turns[activeTurnIndex(turns, store.get().currentMs)] ?? interaction.segments[0];
    if (reading) pinTurn(reading);
  };
  useShortcuts('review', momentsOffered ? { addMoment } : {});

  return (
    <Stack gap="sm" data-testid="transcript-only">
      <Alert color="gray" variant="light" data-testid="no-recording">
        {t('review.transcriptOnly')}
      </Alert>
      <Grid>
        <Grid.Col span={{ base: 12, lg: momentsOffered ? 7 : 12 }}>
          <Transcript
            segments={interaction.segments}
            store={store}
            moments={momentsOffered ? workspace.moments : NO_MOMENTS}
            onPlay={readFrom}
            onPin={momentsOffered ? pinTurn : null}
            onOpenMoment={openMoment}
            playable={false}
          />
        </Grid.Col>
        {momentsOffered && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <MomentsPanel
              workspace={workspace}
              onAdd={addMoment}
              onPlay={null}
              addKeys={bindings.addMoment[0]}
              emptyHint={t('review.moments.emptyTranscript')}
            />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
