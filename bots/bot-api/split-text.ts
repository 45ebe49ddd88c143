/** Telegram's limit for one message text (VK's practical limit is the same). */
export const MAX_MESSAGE_LENGTH = 4096;

/**
 * Splits a long text into messages under the limit, at paragraph, then line, then word
 * boundaries, so a long FAQ answer or agent reply arrives whole and readable.
 */
export function splitText(text: string, limit = MAX_MESSAGE_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut =
      lastBreak(window, "\n\n") ?? lastBreak(window, "\n") ?? lastBreak(window, " ") ?? limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function lastBreak(window: string, separator: string): number | undefined {
  const at = window.lastIndexOf(separator);
  return at > window.length / 2 ? at : undefined;
}
