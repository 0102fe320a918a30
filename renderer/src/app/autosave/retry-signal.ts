/**
 * "Try your unsaved changes again now": sent when what made saves fail has passed (a team server's login
 * was renewed), so a draft whose save was refused goes out at once instead of waiting for the next key.
 */
const listeners = new Set<() => void>();

export function onRetryUnsaved(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function retryUnsavedNow(): void {
  listeners.forEach((listener) => listener());
}
