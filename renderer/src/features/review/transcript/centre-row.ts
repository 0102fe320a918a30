/**
 * Which row to put at the top of the transcript so that row `index` sits near the middle of a list
 * `viewport` pixels high. Scrolling to a row's start, rather than centring the row exactly, shows the
 * top row whole: a row cut in half at the top shows words without the speaker who said them.
 */
export function topRowToCentre(index: number, rowSize: (row: number) => number, viewport: number): number {
  let top = index;
  let above = rowSize(index) / 2;
  while (top > 0 && above + rowSize(top - 1) <= viewport / 2) {
    top -= 1;
    above += rowSize(top);
  }
  return top;
}
