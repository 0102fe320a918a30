import { Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../../shared/api';
import type { Moment } from '../../../../../shared/api/methods/review';
import { useShortcuts } from '../../shortcuts/useShortcuts';
import { usePlayerState, type PlayerStore } from '../player/player-store';
import { activeTurnIndex, timedTurns } from '../turns';
import { topRowToCentre } from './centre-row';
import classes from './Transcript.module.css';
import { findMatches, type TranscriptMatch } from './transcript-search';
import { TranscriptToolbar } from './TranscriptToolbar';
import { TurnRow } from './TurnRow';

const NO_MATCHES: readonly TranscriptMatch[] = [];
const NO_MOMENTS: readonly Moment[] = [];
/** A one-line turn's height, until the row is measured. */
const ROW_ESTIMATE = 58;
/** Keys that scroll the list by hand: the reviewer is reading elsewhere, so stop following playback. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End']);

/**
 * The call's transcript: speaker-coloured turns, the one being heard highlighted and (while following
 * playback) kept in view, search with next/previous match, moment markers and a pin per turn. Only the
 * turns on screen are in the DOM, so a two-hour call scrolls as smoothly as a short one.
 */
export const Transcript = memo(function Transcript({
  segments,
  store,
  moments,
  onPlay,
  onPin,
  onOpenMoment,
  playable = true,
}: {
  segments: readonly Segment[];
  store: PlayerStore;
  moments: readonly Moment[];
  /** Plays from a turn's start, whether the player was playing or paused. */
  onPlay: (ms: number) => void;
  /** Null where no moment may be pinned (a calibration's blind scoring). */
  onPin: ((turn: Segment) => void) | null;
  onOpenMoment: (moment: Moment) => void;
  /** False for a transcript without its recording: nothing plays, so the list never follows playback. */
  playable?: boolean;
}) {
  const { t } = useTranslation();
  const timed = useMemo(() => timedTurns(segments), [segments]);
  const rowOfTimed = useMemo(() => {
    const rowBySeq = new Map(segments.map((segment, row) => [segment.seq, row]));
    return timed.map((turn) => rowBySeq.get(turn.seq) ?? -1);
  }, [segments, timed]);
  const activeTimed = usePlayerState(store, (state) => activeTurnIndex(timed, state.currentMs));
  const activeRow = activeTimed >= 0 ? (rowOfTimed[activeTimed] ?? -1) : -1;

  const [follow, setFollow] = useState(playable);
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const matches = useMemo(
    () =>
      findMatches(
        segments.map((segment) => segment.text),
        query,
      ),
    [segments, query],
  );
  const current = matches.length > 0 ? Math.min(matchIndex, matches.length - 1) : -1;
  const currentMatch = matches[current] ?? null;
  const matchesByRow = useMemo(() => groupBy(matches, (match) => match.turn), [matches]);
  const momentsByRow = useMemo(() => momentsPerRow(segments, moments), [segments, moments]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const virtualizer = useVirtualizer({
    count: segments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
  });

  const centreOn = useCallback(
    (row: number) => {
      const sizes = virtualizer.measurementsCache;
      const viewport = scrollRef.current?.clientHeight ?? 0;
      const top = topRowToCentre(row, (index) => sizes[index]?.size ?? ROW_ESTIMATE, viewport);
      virtualizer.scrollToIndex(top, { align: 'start' });
    },
    [virtualizer],
  );
  useEffect(() => {
    if (follow && activeRow >= 0) centreOn(activeRow);
  }, [follow, activeRow, centreOn]);
  useEffect(() => {
    if (currentMatch) centreOn(currentMatch.turn);
  }, [currentMatch, centreOn]);

  const step = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    setFollow(false);
    setMatchIndex((current + direction + matches.length) % matches.length);
  };
  useShortcuts('review', {
    followPlayback: () => playable && setFollow((on) => !on),
    searchTranscript: () => searchRef.current?.focus(),
  });
  const playTurn = useCallback((turn: Segment) => turn.startMs !== null && onPlay(turn.startMs), [onPlay]);
  const stopFollowing = () => setFollow(false);

  if (segments.length === 0) return <Text c="dimmed">{t('review.noTranscript')}</Text>;
  return (
    <Stack gap="xs" data-testid="transcript" data-follow={follow}>
      <TranscriptToolbar
        query={query}
        onQuery={(next) => {
          setQuery(next);
          setMatchIndex(0);
          if (next.trim()) setFollow(false);
        }}
        matchCount={matches.length}
        currentMatch={current}
        onStep={step}
        follow={follow}
        onFollow={playable ? setFollow : null}
        inputRef={searchRef}
      />
      <div
        ref={scrollRef}
        className={classes.scroller}
        style={{ height: 'max(300px, calc(100vh - 520px))' }}
        onWheel={stopFollowing}
        onTouchMove={stopFollowing}
        onKeyDown={(event) => SCROLL_KEYS.has(event.key) && stopFollowing()}
        data-testid="transcript-scroller"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const turn = segments[item.index]!;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                // Placed by `top`, not a transform: the turn's sticky speaker line finds its place
                // from the layout, which a transform would leave at the top of the list for every row.
                style={{ position: 'absolute', top: item.start, left: 0, right: 0 }}
              >
                <TurnRow
                  turn={turn}
                  active={item.index === activeRow}
                  matches={matchesByRow.get(item.index) ?? NO_MATCHES}
                  currentMatch={currentMatch?.turn === item.index ? currentMatch : null}
                  moments={momentsByRow.get(item.index) ?? NO_MOMENTS}
                  onPlay={playTurn}
                  onPin={onPin}
                  onOpenMoment={onOpenMoment}
                />
              </div>
            );
          })}
        </div>
      </div>
    </Stack>
  );
});

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Which moments to mark on which row: the turn a moment was pinned to, else the turn its start falls in. */
function momentsPerRow(segments: readonly Segment[], moments: readonly Moment[]): Map<number, Moment[]> {
  const rowBySeq = new Map(segments.map((segment, row) => [segment.seq, row]));
  const timed = timedTurns(segments);
  return groupBy(
    moments.filter((moment) => moment.turnSeq !== null || moment.startMs !== null),
    (moment) => {
      if (moment.turnSeq !== null) return rowBySeq.get(moment.turnSeq) ?? -1;
      const index = activeTurnIndex(timed, moment.startMs!);
      return index >= 0 ? (rowBySeq.get(timed[index]!.seq) ?? -1) : -1;
    },
  );
}
