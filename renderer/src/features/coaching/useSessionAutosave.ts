import { useCallback, useEffect, useRef, useState } from 'react';
import { AUTOSAVE_DELAY_MS, type SaveState } from '../review/moments/useAutosave';

/**
 * Saves a session's text fields shortly after the coach stops typing, on blur, and when the page goes
 * away, like the moment comments (../review/moments/useAutosave), with two differences the session
 * needs: changes to several fields are merged into one save, and `flush` returns a promise, so that
 * closing the session waits until the last words of the outcome are on disk.
 */
export function useSessionAutosave<P extends object>(save: (patch: P) => Promise<unknown>) {
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<Error | null>(null);
  const latest = useRef({ save, pending: null as P | null });
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current.save = save;
  });

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const pending = latest.current.pending;
    if (!pending) return chain.current;
    latest.current.pending = null;
    setState('saving');
    chain.current = chain.current
      .then(() => latest.current.save(pending))
      .then(
        () => {
          setError(null);
          setState(latest.current.pending ? 'pending' : 'saved');
        },
        (failure: unknown) => {
          setError(failure instanceof Error ? failure : new Error(String(failure)));
          setState('failed');
        },
      );
    return chain.current;
  }, []);

  const schedule = useCallback(
    (patch: P) => {
      latest.current.pending = { ...(latest.current.pending ?? {}), ...patch } as P;
      setState('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  return { state, error, schedule, flush };
}
