/** A half-open span of a text: [start, end). */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Replaces the ranges with spaces so that word detectors skip links and addresses while
 * every other character keeps its index.
 */
export function blankRanges(text: string, ranges: readonly TextRange[]): string {
  if (ranges.length === 0) return text;
  const chars = text.split("");
  for (const { start, end } of ranges) {
    for (let i = start; i < end && i < chars.length; i++) chars[i] = " ";
  }
  return chars.join("");
}
