/** Long fragments are cut for the agent's card: the start is enough to find the place. */
export function shorten(text: string, max = 60): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}
