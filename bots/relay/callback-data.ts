/**
 * The staff relay's buttons as short callback strings (Telegram allows 64 bytes). Ticket
 * buttons carry the ticket id, the etiquette warning's buttons the draft id. Parsing is
 * strict: anything else (stale, forged, another bot's) is null.
 */
export type RelayButton =
  | { kind: "take" | "resolve" | "hold" | "reopen" | "reveal"; ticketId: number }
  | { kind: "send_anyway" | "edit_draft"; draftId: number };

const tags = {
  take: "tk",
  resolve: "rs",
  hold: "hd",
  reopen: "ro",
  reveal: "pii",
  send_anyway: "sa",
  edit_draft: "ed",
} as const satisfies Record<RelayButton["kind"], string>;

const kinds = new Map<string, RelayButton["kind"]>(
  Object.entries(tags).map(([kind, tag]) => [tag, kind as RelayButton["kind"]]),
);

export function encodeButton(button: RelayButton): string {
  return `${tags[button.kind]}:${"ticketId" in button ? button.ticketId : button.draftId}`;
}

export function parseButton(data: string): RelayButton | null {
  const match = /^([a-z]{2,3}):([1-9]\d{0,14})$/.exec(data);
  const kind = match ? kinds.get(match[1] ?? "") : undefined;
  if (!match || !kind) return null;
  const id = Number(match[2]);
  return kind === "send_anyway" || kind === "edit_draft"
    ? { kind, draftId: id }
    : { kind, ticketId: id };
}
