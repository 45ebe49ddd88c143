import { isSpace } from "./entity-parse-error.js";

/**
 * After the opening ``` of a code block: an optional language up to the first whitespace
 * (only when more text follows), then one skipped line break. Shared by both Markdown modes,
 * as in TDLib. Returns the language and the index where the block's text starts.
 */
export function readPreHeader(input: string, start: number): { language: string; i: number } {
  let i = start;
  let end = i;
  while (end < input.length && !isSpace(input[end]) && input[end] !== "`") end += 1;
  let language = "";
  if (end !== i && end < input.length && input[end] !== "`") {
    language = input.slice(i, end);
    i = end;
  }
  const char = input[i];
  if (char === "\n" || char === "\r") {
    const next = input[i + 1];
    i += (next === "\n" || next === "\r") && next !== char ? 2 : 1;
  }
  return { language, i };
}
