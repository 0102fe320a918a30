/** Rows chosen in the library for a bulk change, by interaction id, and the row a shift-click ranges from. */
export interface Selection {
  ids: ReadonlySet<number>;
  /** The index of the row toggled last. */
  anchor: number | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/**
 * Toggles one row. With `range` (shift-click), every row from the anchor to this one takes this row's
 * new state, as in a mail client; rows in between that are not loaded (far off screen) are left out.
 */
export function toggleRow(
  selection: Selection,
  index: number,
  id: number,
  range: boolean,
  idAt: (index: number) => number | undefined,
): Selection {
  const select = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  const [from, to] =
    range && selection.anchor !== null
      ? [Math.min(selection.anchor, index), Math.max(selection.anchor, index)]
      : [index, index];
  for (let i = from; i <= to; i++) {
    const rowId = i === index ? id : idAt(i);
    if (rowId === undefined) continue;
    if (select) ids.add(rowId);
    else ids.delete(rowId);
  }
  return { ids, anchor: index };
}

/** The header checkbox: selects every row shown, or, when all of them are selected, none of them. */
export function toggleAll(selection: Selection, shown: readonly number[]): Selection {
  const all = shown.length > 0 && shown.every((id) => selection.ids.has(id));
  const ids = new Set(selection.ids);
  for (const id of shown) {
    if (all) ids.delete(id);
    else ids.add(id);
  }
  return { ids, anchor: null };
}

export function allState(selection: Selection, shown: readonly number[]): 'none' | 'some' | 'all' {
  const count = shown.filter((id) => selection.ids.has(id)).length;
  return count === 0 ? 'none' : count === shown.length ? 'all' : 'some';
}
