/** One place a search text was found: which turn, and where in its text. */
export interface TranscriptMatch {
  turn: number;
  start: number;
  end: number;
}

/**
 * Every occurrence of `query` in the turns' texts, ignoring case, in reading order. Plain substring
 * search: a reviewer looking for "refund" in one transcript wants every place it is said.
 */
export function findMatches(texts: readonly string[], query: string): TranscriptMatch[] {
  const needle = query.trim().toLocaleLowerCase();
  if (needle.length === 0) return [];
  const matches: TranscriptMatch[] = [];
  texts.forEach((text, turn) => {
    const haystack = text.toLocaleLowerCase();
    // Lower-casing can change a string's length (İ → i̇); only then fall back to the original indexes.
    if (haystack.length !== text.length) return;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
      matches.push({ turn, start: at, end: at + needle.length });
    }
  });
  return matches;
}

/** A turn's text cut into plain and matched pieces, for highlighting. */
export function splitByMatches(
  text: string,
  matches: readonly TranscriptMatch[],
): { text: string; match: TranscriptMatch | null }[] {
  const pieces: { text: string; match: TranscriptMatch | null }[] = [];
  let at = 0;
  for (const match of matches) {
    if (match.start > at) pieces.push({ text: text.slice(at, match.start), match: null });
    pieces.push({ text: text.slice(match.start, match.end), match });
    at = match.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: null });
  return pieces;
}
