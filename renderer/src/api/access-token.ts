const TOKEN_KEY = 'earmark.token';

/**
 * The browser host's access token. It arrives once in the address `npm start` prints; it is then kept
 * in this tab's sessionStorage (a reload keeps working, other sites and other tabs never see it) and
 * taken out of the address, so it does not linger in the history, a bookmark or a screenshot.
 */
export function takeAccessToken(
  location: Pick<Location, 'href'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  history: Pick<History, 'state' | 'replaceState'>,
): string | null {
  const url = new URL(location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress === null) return storage.getItem(TOKEN_KEY);
  storage.setItem(TOKEN_KEY, fromAddress);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return fromAddress;
}
