/** Lets a button elsewhere (the workspace's "Shortcuts" button) open the help overlay the Shell owns. */
const listeners = new Set<() => void>();

export function requestShortcutHelp(): void {
  listeners.forEach((listener) => listener());
}

/** Returns the unsubscribe. */
export function onShortcutHelpRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
