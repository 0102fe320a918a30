import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../../shared/api';
import type { Moment } from '../../../../../shared/api/methods/review';
import { formatDuration } from '../../../app/format';
import { PinIcon } from '../icons';
import { Highlighted } from './Highlighted';
import classes from './Transcript.module.css';
import type { TranscriptMatch } from './transcript-search';

export interface TurnRowProps {
  turn: Segment;
  active: boolean;
  matches: readonly TranscriptMatch[];
  currentMatch: TranscriptMatch | null;
  moments: readonly Moment[];
  onPlay: (turn: Segment) => void;
  /** Null where no moment may be pinned (a calibration's blind scoring): no pin is offered. */
  onPin: ((turn: Segment) => void) | null;
  onOpenMoment: (moment: Moment) => void;
}

/**
 * One turn: who and when, what was said (search hits marked), its moments, and a pin to add one.
 * Plain elements rather than UI-kit components: a long transcript mounts dozens of these at a time.
 */
export const TurnRow = memo(function TurnRow({
  turn,
  active,
  matches,
  currentMatch,
  moments,
  onPlay,
  onPin,
  onOpenMoment,
}: TurnRowProps) {
  const { t } = useTranslation();
  const who = t(`review.${turn.speaker}`);
  const pin = t('review.transcript.pin');
  return (
    <div
      className={`${classes.turn} speaker-${turn.speaker}`}
      data-active={active}
      data-testid="transcript-segment"
      data-seq={turn.seq}
      onClick={() => onPlay(turn)}
    >
      <div className={classes.head} data-testid="transcript-turn-head">
        <button
          type="button"
          className={classes.when}
          onClick={(event) => {
            event.stopPropagation();
            onPlay(turn);
          }}
          aria-label={t('review.transcript.playFrom', { time: formatDuration(turn.startMs), speaker: who })}
        >
          <span className={classes.who}>{who}</span>{' '}
          <span className={classes.time}>{formatDuration(turn.startMs)}</span>
        </button>
        <span className={classes.tools}>
          {moments.map((moment) => (
            <button
              key={moment.id}
              type="button"
              className={classes.marker}
              onClick={(event) => {
                event.stopPropagation();
                onOpenMoment(moment);
              }}
              data-testid="transcript-moment"
            >
              {t('review.moments.marker')}
            </button>
          ))}
          {onPin && (
            <button
              type="button"
              className={classes.pin}
              onClick={(event) => {
                event.stopPropagation();
                onPin(turn);
              }}
              title={pin}
              aria-label={pin}
              data-testid="transcript-pin"
            >
              <PinIcon size={14} />
            </button>
          )}
        </span>
      </div>
      <div className={classes.text}>
        <Highlighted text={turn.text} matches={matches} current={currentMatch} />
      </div>
    </div>
  );
});
