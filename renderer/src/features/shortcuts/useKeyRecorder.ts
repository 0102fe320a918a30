import { useEffect, useRef } from 'react';
import { keysFromEvent } from '../../../../shared/api/methods/review';

/**
 * While active, takes the next key press for itself (capture phase, before any shortcut or control sees
 * it) and hands it over in canonical form. Escape cancels; it is reserved, so it can never be a shortcut.
 */
export function useKeyRecorder(active: boolean, onKeys: (keys: string) => void, onCancel: () => void): void {
  const latest = useRef({ onKeys, onCancel });
  useEffect(() => {
    latest.current = { onKeys, onCancel };
  });
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === 'Escape') return latest.current.onCancel();
      const keys = keysFromEvent(event);
      if (keys) latest.current.onKeys(keys);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [active]);
}
