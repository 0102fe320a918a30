import { Grid, Paper, ScrollArea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InteractionDetail } from '../../../../../shared/api';
import type { Moment } from '../../../../../shared/api/methods/review';
import { useShortcutBindings } from '../../shortcuts/useShortcutBindings';
import { useShortcuts } from '../../shortcuts/useShortcuts';
import { MomentsPanel } from '../moments/MomentsPanel';
import { useMomentWorkspace } from '../moments/useMomentWorkspace';
import { ChatReader } from './ChatReader';
import { workspaceBreakpoints } from '../dock/workspace-grid';
import { NO_MOMENTS, type WorkspaceOptions } from '../workspace-options';

/**
 * Reading a chat: the conversation beside its moments. The arrow keys move through the turns and M pins
 * a moment to the selected one, so a chat is reviewed from the keyboard like a call.
 */
export function ChatWorkspace({
  interaction,
  moments: momentsOffered = true,
}: { interaction: InteractionDetail } & WorkspaceOptions) {
  const { t } = useTranslation();
  const workspace = useMomentWorkspace(interaction.id);
  const bindings = useShortcutBindings();
  const turns = interaction.segments;
  const [selected, setSelected] = useState<number | null>(null);
  const selectedIndex = turns.findIndex((turn) => turn.seq === selected);

  const move = (direction: 1 | -1) => {
    const next =
      turns[selectedIndex === -1 ? (direction === 1 ? 0 : turns.length - 1) : selectedIndex + direction];
    if (next) setSelected(next.seq);
  };
  const pinTurn = (seq: number) => {
    setSelected(seq);
    void workspace.pin({ turnSeq: seq });
  };
  const openMoment = (moment: Moment) => {
    workspace.select(moment.id);
    if (moment.turnSeq !== null) setSelected(moment.turnSeq);
  };
  useShortcuts('review', {
    previousTurn: () => move(-1),
    nextTurn: () => move(1),
    ...(momentsOffered && {
      addMoment: () => {
        const seq = selected ?? turns[0]?.seq;
        if (seq !== undefined) pinTurn(seq);
      },
    }),
  });

  return (
    <Grid type="container" breakpoints={workspaceBreakpoints}>
      <Grid.Col span={{ base: 12, lg: momentsOffered ? 7 : 12 }}>
        <Paper withBorder p="sm" radius="md">
          <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto" offsetScrollbars>
            <ChatReader
              turns={turns}
              selectedSeq={selected}
              moments={momentsOffered ? workspace.moments : NO_MOMENTS}
              onSelect={setSelected}
              onPin={momentsOffered ? pinTurn : null}
              onOpenMoment={openMoment}
            />
          </ScrollArea.Autosize>
        </Paper>
      </Grid.Col>
      {momentsOffered && (
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <MomentsPanel
            workspace={workspace}
            onAdd={() => {
              const seq = selected ?? turns[0]?.seq;
              if (seq !== undefined) pinTurn(seq);
            }}
            onPlay={null}
            addKeys={bindings.addMoment[0]}
            emptyHint={t('review.moments.emptyChat')}
          />
        </Grid.Col>
      )}
    </Grid>
  );
}
