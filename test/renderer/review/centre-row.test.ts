import { describe, expect, it } from 'vitest';
import { topRowToCentre } from '../../../renderer/src/features/review/transcript/centre-row';

describe('the row at the top of the transcript when a row is centred', () => {
  const even = () => 60;

  it('keeps the row itself at the top when nothing fits above it', () => {
    expect(topRowToCentre(0, even, 300)).toBe(0);
    expect(topRowToCentre(5, even, 100)).toBe(5);
  });

  it('shows as many whole rows above as fit in the upper half', () => {
    // Half of 300 is 150: half the row (30) and two rows above (120) fit, a third would not.
    expect(topRowToCentre(10, even, 300)).toBe(8);
  });

  it('counts the real height of each row above', () => {
    const sizes = [60, 60, 200, 40, 60];
    // Row 4's half (30) and row 3 (40) fit in 150; row 2 (200) would not.
    expect(topRowToCentre(4, (row) => sizes[row]!, 300)).toBe(3);
  });

  it('stops at the first row', () => {
    expect(topRowToCentre(2, even, 1000)).toBe(0);
  });
});
