/**
 * Which characters of a text the findings so far hold. Checking a new fragment costs its
 * own length, not the number of findings: a reply with thousands of hits stays linear.
 */
export interface RangeClaims {
  /** Whether the character at `index` belongs to a finding. */
  isClaimed(index: number): boolean;
  /** Takes [start, end) unless part of it is taken already; true when it was free. */
  claim(start: number, end: number): boolean;
}

export function createRangeClaims(length: number): RangeClaims {
  const taken = new Uint8Array(length);
  return {
    isClaimed: (index) => taken[index] === 1,
    claim(start, end) {
      for (let i = start; i < end; i++) if (taken[i] === 1) return false;
      taken.fill(1, start, end);
      return true;
    },
  };
}
