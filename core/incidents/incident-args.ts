import type { TicketCategory } from "../db/index.js";

/** What `/incident …` asks for. */
export type IncidentCommand =
  | { kind: "show" }
  | { kind: "open"; line: TicketCategory | null; notice: string }
  | { kind: "resolve"; incidentId?: number; text: string };

// Only the Latin names: a notice often starts with "Запись …" or "Сайт …" itself.
const lineWords: Record<string, TicketCategory> = {
  site: "site",
  booking: "booking",
  other: "other",
};

/**
 * `/incident` (show), `/incident resolve [№N] <text>`, `/incident [line] <notice>` with the
 * line as site | booking | other. A resolve without a text
 * comes back with an empty text: the caller explains the usage.
 */
export function parseIncidentArgs(args: string): IncidentCommand {
  const text = args.trim();
  if (text === "") return { kind: "show" };
  const [first = "", ...rest] = text.split(/\s+/);
  const tail = text.slice(first.length).trim();
  if (/^resolve$/i.test(first)) {
    const numbered = /^(?:№|#)\s*(\d{1,9})\s*([\s\S]*)$/.exec(tail);
    return numbered
      ? { kind: "resolve", incidentId: Number(numbered[1]), text: (numbered[2] ?? "").trim() }
      : { kind: "resolve", text: tail };
  }
  const line = lineWords[first.toLowerCase()];
  if (line && rest.length > 0) return { kind: "open", line, notice: tail };
  return { kind: "open", line: null, notice: text };
}
