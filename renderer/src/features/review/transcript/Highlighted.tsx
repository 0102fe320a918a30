import classes from './Transcript.module.css';
import { splitByMatches, type TranscriptMatch } from './transcript-search';

/** A turn's text with the search matches marked; the current match stronger than the rest. */
export function Highlighted({
  text,
  matches,
  current,
}: {
  text: string;
  matches: readonly TranscriptMatch[];
  current: TranscriptMatch | null;
}) {
  if (matches.length === 0) return <>{text}</>;
  return (
    <>
      {splitByMatches(text, matches).map((piece, index) =>
        piece.match ? (
          <mark
            key={index}
            className={piece.match === current ? classes.matchCurrent : classes.match}
            data-testid={piece.match === current ? 'transcript-match-current' : 'transcript-match'}
          >
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
