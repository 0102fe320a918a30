import { useEffect, useMemo, useState } from 'react';
import {
  Autosave,
  flushWhenPageHides,
  initialStatus,
  type AutosaveOptions,
  type AutosaveStatus,
} from './engine';
import { onRetryUnsaved } from './retry-signal';

/**
 * An editor's autosave (see Autosave for the rules). What is unsaved goes out when the page is hidden
 * or unloaded, when the editor unmounts (leaving the page) and when a renewed login says to retry. The options are read once; `save` may
 * change with every render and the newest one is used.
 */
export function useAutosave<C>(
  save: (changes: C) => Promise<unknown>,
  options: Omit<AutosaveOptions<C>, 'save' | 'onStatus'> = {},
) {
  const [status, setStatus] = useState<AutosaveStatus>(initialStatus);
  const [{ engine, actions }] = useState(() => {
    const engine = new Autosave<C>({ ...options, save, onStatus: setStatus });
    // Made once, so effects and callbacks that use them do not rerun when the state changes.
    const actions = {
      change: (changes: C, how?: { now?: boolean }) => engine.change(changes, how),
      flush: () => engine.flush(),
      cancel: () => engine.cancel(),
    };
    return { engine, actions };
  });
  useEffect(() => engine.saveWith(save));
  useEffect(() => {
    const stop = flushWhenPageHides(() => engine.flush());
    const stopRetry = onRetryUnsaved(() => void engine.flush().catch(() => {}));
    return () => {
      stop();
      stopRetry();
      engine.dispose();
    };
  }, [engine]);

  return useMemo(() => ({ ...actions, status, state: status.state }), [actions, status]);
}
