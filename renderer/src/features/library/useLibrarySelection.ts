import { useState } from 'react';
import { emptySelection, toggleAll, toggleRow, type Selection } from './selection';

export interface LibrarySelection {
  selection: Selection;
  toggle: (index: number, id: number, range: boolean, idAt: (index: number) => number | undefined) => void;
  toggleAll: (shown: readonly number[]) => void;
  clear: () => void;
}

/** The rows chosen in this view of the library; another filter or sort starts with none chosen. */
export function useLibrarySelection(viewKey: string): LibrarySelection {
  const [state, setState] = useState<{ key: string; selection: Selection }>({
    key: viewKey,
    selection: emptySelection,
  });
  const selection = state.key === viewKey ? state.selection : emptySelection;
  const update = (next: (current: Selection) => Selection) =>
    setState((s) => ({ key: viewKey, selection: next(s.key === viewKey ? s.selection : emptySelection) }));
  return {
    selection,
    toggle: (index, id, range, idAt) => update((s) => toggleRow(s, index, id, range, idAt)),
    toggleAll: (shown) => update((s) => toggleAll(s, shown)),
    clear: () => update(() => emptySelection),
  };
}
