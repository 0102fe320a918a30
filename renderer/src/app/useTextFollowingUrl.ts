import { useState } from 'react';

interface Box {
  text: string;
  /** What the box last put into the address (trimmed), or last took from it. */
  committed: string;
  /** Typed since the last commit: the address must not overwrite it. */
  dirty: boolean;
}

/**
 * A search box whose text lives in the address once committed. The address can change without the box
 * (back/forward, a bookmark, "clear filters"); the box then shows what is searched. It compares the
 * address with what the box itself committed rather than with the previous address, because back can
 * come before the app has even rendered the box's own commit.
 */
export function useTextFollowingUrl(urlText: string) {
  const [box, setBox] = useState<Box>({ text: urlText, committed: urlText, dirty: false });
  if (!box.dirty && urlText !== box.committed) setBox({ text: urlText, committed: urlText, dirty: false });
  return {
    text: box.text,
    /** The person typed: keep it, whatever the address says, until it is committed. */
    type: (text: string) => setBox((current) => ({ ...current, text, dirty: true })),
    /** Call just before putting `text` into the address (the box shows it too: "clear" commits ''). */
    commit: (text: string) => setBox({ text, committed: text.trim(), dirty: false }),
  };
}
