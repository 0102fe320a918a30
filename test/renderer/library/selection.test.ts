import { describe, expect, it } from 'vitest';
import {
  allState,
  emptySelection,
  toggleAll,
  toggleRow,
} from '../../../renderer/src/features/library/selection';

/** Rows 0..9 with ids 100..109; rows 6 and 7 not loaded yet. */
const idAt = (index: number) => (index === 6 || index === 7 ? undefined : 100 + index);
const ids = (selection: { ids: ReadonlySet<number> }) => [...selection.ids].sort();

describe('choosing rows in the library', () => {
  it('toggles one row at a time', () => {
    const one = toggleRow(emptySelection, 2, 102, false, idAt);
    expect(ids(one)).toEqual([102]);
    expect(ids(toggleRow(one, 2, 102, false, idAt))).toEqual([]);
  });

  it('selects the range from the last row to a shift-clicked one, skipping rows not loaded', () => {
    const anchor = toggleRow(emptySelection, 3, 103, false, idAt);
    expect(ids(toggleRow(anchor, 8, 108, true, idAt))).toEqual([103, 104, 105, 108]);
    // Upwards too, and a shift-click on a chosen row clears the range.
    const up = toggleRow(anchor, 1, 101, true, idAt);
    expect(ids(up)).toEqual([101, 102, 103]);
    expect(ids(toggleRow(toggleRow(up, 3, 103, false, idAt), 1, 101, true, idAt))).toEqual([]);
  });

  it('selects every row shown, or none when all were', () => {
    const shown = [100, 101, 102];
    const some = toggleRow(emptySelection, 1, 101, false, idAt);
    expect(allState(some, shown)).toBe('some');
    const all = toggleAll(some, shown);
    expect(allState(all, shown)).toBe('all');
    expect(allState(toggleAll(all, shown), shown)).toBe('none');
  });
});
