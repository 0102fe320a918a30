import { useEffect, useRef } from 'react';
import {
  keysFromEvent,
  shortcutCatalogue,
  shortcutDefinition,
  shortcutIds,
  type ShortcutId,
  type ShortcutScope,
} from '../../../../shared/api/methods/review';
import { routeKeyAt } from './key-routing';
import { useShortcutBindings } from './useShortcutBindings';

export type ShortcutHandlers = Partial<Record<ShortcutId, () => void>>;

/** Set on an element that records a key press (the settings' "press the new key"), so no shortcut fires. */
export const RECORDING_ATTRIBUTE = 'data-recording-shortcut';

/**
 * Binds the shortcuts of one scope to handlers while the component is mounted. Keys come from the
 * user's settings; the press is left alone while typing, when a focused control needs the key, when the
 * focused evaluation form claims it (see key-routing.ts) and (outside the global scope) while a dialog
 * is open.
 */
export function useShortcuts(scope: ShortcutScope, handlers: ShortcutHandlers): void {
  const bindings = useShortcutBindings();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const actionByKeys = new Map<string, ShortcutId>();
    for (const id of shortcutIds) {
      if (shortcutCatalogue[id].scope !== scope) continue;
      for (const keys of bindings[id]) actionByKeys.set(keys, id);
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const keys = keysFromEvent(event);
      const id = keys ? actionByKeys.get(keys) : undefined;
      if (!keys || !id) return;
      const handler = latest.current[id];
      if (!handler || routeKeyAt(event.target, keys) !== 'review') return;
      if (document.querySelector(`[${RECORDING_ATTRIBUTE}]`)) return;
      if (scope !== 'global' && document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      if (event.repeat && !shortcutDefinition(id).repeats) return;
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [scope, bindings]);
}
