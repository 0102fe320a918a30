import { useState } from 'react';

/**
 * A search box's text that follows the address: the address can change without the box (back/forward,
 * a bookmark, "clear filters"), and the box must then show what is searched. It does not follow when the
 * address merely holds the box's own text committed (trimmed), or typing would lose its spaces.
 */
export function useTextFollowingUrl(urlText: string): [string, (text: string) => void] {
  const [text, setText] = useState(urlText);
  const [seenUrlText, setSeenUrlText] = useState(urlText);
  if (urlText !== seenUrlText) {
    setSeenUrlText(urlText);
    if (urlText !== text.trim()) setText(urlText);
  }
  return [text, setText];
}
