import { Fragment, useEffect, useMemo, useRef } from 'react';
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../../shared/api';
import type { Moment } from '../../../../../shared/api/methods/review';
import { customerWaits } from './chat-waits';
import { ChatTurn } from './ChatTurn';
import { WaitMarker } from './WaitMarker';

/** The chat as a conversation, with how long the customer waited before each reply between the bubbles. */
export function ChatReader({
  turns,
  selectedSeq,
  moments,
  onSelect,
  onPin,
  onOpenMoment,
}: {
  turns: readonly Segment[];
  selectedSeq: number | null;
  moments: readonly Moment[];
  onSelect: (seq: number) => void;
  /** Null where no moment may be pinned (a calibration's blind scoring). */
  onPin: ((seq: number) => void) | null;
  onOpenMoment: (moment: Moment) => void;
}) {
  const { t } = useTranslation();
  const waits = useMemo(() => new Map(customerWaits(turns).map((wait) => [wait.replySeq, wait])), [turns]);
  const momentsBySeq = useMemo(() => {
    const bySeq = new Map<number, Moment[]>();
    for (const moment of moments) {
      if (moment.turnSeq === null) continue;
      bySeq.set(moment.turnSeq, [...(bySeq.get(moment.turnSeq) ?? []), moment]);
    }
    return bySeq;
  }, [moments]);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedSeq === null) return;
    list.current?.querySelector(`[data-turn-seq="${selectedSeq}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedSeq]);

  if (turns.length === 0) return <Text c="dimmed">{t('review.chat.empty')}</Text>;
  return (
    // The padding is room for the selected message's outline (2px, 2px off the bubble): the scroll area
    // clips whatever reaches past its edges.
    <Stack gap="xs" p={6} ref={list} data-testid="chat">
      {turns.map((turn) => {
        const wait = waits.get(turn.seq);
        return (
          <Fragment key={turn.seq}>
            {wait && <WaitMarker wait={wait} />}
            <ChatTurn
              turn={turn}
              selected={turn.seq === selectedSeq}
              moments={momentsBySeq.get(turn.seq) ?? []}
              onSelect={() => onSelect(turn.seq)}
              onPin={onPin && (() => onPin(turn.seq))}
              onOpenMoment={onOpenMoment}
            />
          </Fragment>
        );
      })}
    </Stack>
  );
}
