/**
 * The staff relay's buttons as short callback strings (Telegram allows 64 bytes). Ticket
 * buttons carry the ticket id, the etiquette warning's buttons the draft id. Parsing is
 * strict: anything else (stale, forged, another bot's) is null.
 */
export type RelayButton =
  | { kind: "take" | "resolve" | "hold" | "reopen"; ticketId: number }
  /** "Show" on the card: the personal data of the messages it quotes. */
  | { kind: "reveal"; ticketId: number }
  | { kind: "send_anyway" | "edit_draft"; draftId: number }
  /** "Show" under one relayed parent message (its id in the database). */
  | { kind: "reveal_message"; messageId: number };

const tags = {
  take: "tk",
  resolve: "rs",
  hold: "hd",
  reopen: "ro",
  reveal: "pii",
  send_anyway: "sa",
  edit_draft: "ed",
  reveal_message: "pim",
} as const satisfies Record<RelayButton["kind"], string>;

const kinds = new Map<string, RelayButton["kind"]>(
  Object.entries(tags).map(([kind, tag]) => [tag, kind as RelayButton["kind"]]),
);

export function encodeButton(button: RelayButton): string {
  const id =
    "ticketId" in button
      ? button.ticketId
      : "draftId" in button
        ? button.draftId
        : button.messageId;
  return `${tags[button.kind]}:${id}`;
}

export function parseButton(data: string): RelayButton | null {
  const match = /^([a-z]{2,3}):([1-9]\d{0,14})$/.exec(data);
  const kind = match ? kinds.get(match[1] ?? "") : undefined;
  if (!match || !kind) return null;
  const id = Number(match[2]);
  if (kind === "send_anyway" || kind === "edit_draft") return { kind, draftId: id };
  if (kind === "reveal_message") return { kind, messageId: id };
  return { kind, ticketId: id };
}
