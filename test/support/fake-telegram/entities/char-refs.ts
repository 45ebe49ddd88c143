import { EntityParseError } from "./entity-parse-error.js";

/**
 * Decodes an HTML character reference as TDLib does: only &lt; &gt; &amp; &quot; and numeric
 * references, the trailing ';' optional; anything else stays literal text.
 */
export function decodeHtmlEntity(
  input: string,
  at: number,
): { text: string; end: number } | undefined {
  let end = at + 1;
  let code = 0;
  if (input[end] === "#") {
    end += 1;
    const hex = input[end] === "x";
    if (hex) end += 1;
    const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < input.length && digit.test(input[end] ?? "")) {
      code = code * (hex ? 16 : 10) + Number.parseInt(input[end] ?? "0", hex ? 16 : 10);
      end += 1;
      if (code >= 0x10ffff) return undefined;
    }
    if (code === 0 || end - at >= 10) return undefined;
  } else {
    while (end < input.length && /[A-Za-z]/.test(input[end] ?? "")) end += 1;
    const named = NAMED_ENTITIES[input.slice(at + 1, end)];
    if (named === undefined) return undefined;
    code = named;
  }
  if (code >= 0xd800 && code <= 0xdfff) {
    throw new EntityParseError(
      "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
    );
  }
  if (input[end] === ";") end += 1;
  return { text: String.fromCodePoint(code), end };
}

const NAMED_ENTITIES: Record<string, number | undefined> = { lt: 60, gt: 62, amp: 38, quot: 34 };
