import { maskPersonalData } from "./mask-personal-data.js";

/**
 * What the staff group may see of a text: personal data masked. Every text bound for
 * the staff group goes through here (the relay applies it to each Bot API call
 * addressed to the group), so a new path to the group cannot forget it. Masking a
 * masked text changes nothing.
 */
export function staffView(text: string): string {
  return maskPersonalData(text).masked;
}

/** A message entity as Telegram counts it: UTF-16 offsets, as JavaScript strings do. */
export interface TextSpan {
  offset: number;
  length: number;
}

/**
 * `staffView` for a text with formatting entities (mentions, links): each piece between
 * entity boundaries is masked on its own and the entities are moved to where their text
 * now is, so a mention still points at its name.
 */
export function staffViewWithSpans<S extends TextSpan>(
  text: string,
  spans: readonly S[],
): { text: string; spans: S[] } {
  const cuts = [
    ...new Set([0, text.length, ...spans.flatMap((s) => [s.offset, s.offset + s.length])]),
  ]
    .filter((at) => at >= 0 && at <= text.length)
    .sort((a, b) => a - b);
  const moved = new Map<number, number>([[0, 0]]);
  let out = "";
  for (let i = 1; i < cuts.length; i++) {
    out += staffView(text.slice(cuts[i - 1], cuts[i]));
    moved.set(cuts[i] as number, out.length);
  }
  return {
    text: out,
    spans: spans.map((s) => {
      const start = moved.get(s.offset) ?? s.offset;
      const end = moved.get(s.offset + s.length) ?? start + s.length;
      return { ...s, offset: start, length: end - start };
    }),
  };
}
