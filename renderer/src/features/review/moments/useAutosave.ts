import { useCallback, useEffect, useRef, useState } from 'react';

/** Saved within this long after the reviewer stops typing; never longer than the 1 s a crash may cost. */
export const AUTOSAVE_DELAY_MS = 600;

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/**
 * Saves a value shortly after the last change, one save at a time and in order, and once more when the
 * editor goes away or the page is hidden (closing the window, reloading), so nothing typed is lost.
 */
export function useAutosave<T>(save: (value: T) => Promise<unknown>) {
  const [state, setState] = useState<SaveState>('saved');
  const latest = useRef({ save, pending: null as { value: T } | null });
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current.save = save;
  });

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const pending = latest.current.pending;
    if (!pending) return;
    latest.current.pending = null;
    setState('saving');
    const run = () => latest.current.save(pending.value);
    chain.current = chain.current.then(run, run).then(
      () => setState(latest.current.pending ? 'pending' : 'saved'),
      () => setState('failed'),
    );
  }, []);

  const schedule = useCallback(
    (value: T) => {
      latest.current.pending = { value };
      setState('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { state, schedule, flush };
}
