/**
 * One clip at a time: a team lead pressing play on the next moment means "now this one", so starting a
 * clip (a recording or a reading time) stops whichever other clip was running. Each player registers the
 * function that pauses it; a paused player updates its own state.
 */
type Pause = () => void;

let current: Pause | null = null;

/** This player starts: the one that was running pauses. */
export function takeTurn(pause: Pause): void {
  if (current && current !== pause) current();
  current = pause;
}

/** This player goes away (or the next clip of a reel replaces it). */
export function giveUpTurn(pause: Pause): void {
  if (current === pause) current = null;
}
