/**
 * Lower case with ё folded into е, keeping every index where it was: detectors match on
 * the folded text and cut the fragment to show from the original at the same place.
 */
export function foldText(text: string): string {
  let folded = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    // A few letters grow when lowered (İ -> i̇); they keep their case so indices stay put.
    const kept = lower.length === ch.length ? lower : ch;
    folded += kept === "ё" ? "е" : kept;
  }
  return folded;
}
