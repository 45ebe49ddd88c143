import { z } from "zod";

/**
 * Buttons a parent can tap, encoded as short strings that fit Telegram's 64-byte
 * callback_data and VK's payload alike. Parsing is strict: anything else is ignored.
 */
export type ParentAction =
  | { kind: "faq_feedback"; lookupId: number; helpful: boolean }
  | { kind: "set_category"; ticketId: number; category: "site" | "booking" | "other" }
  | { kind: "set_municipality"; municipalityId: number | null }
  | { kind: "municipality_page"; page: number }
  | { kind: "reopen"; ticketId: number }
  | { kind: "rate"; ticketId: number; score: number }
  | { kind: "menu"; item: "faq" | "write" | "tickets" }
  | { kind: "faq_topic"; topic: string }
  | { kind: "faq_entry"; entryId: number }
  | { kind: "faq_offer"; ticketId: number; entryId: number };

const categoryCodes = { s: "site", b: "booking", o: "other" } as const;
const menuCodes = { f: "faq", w: "write", t: "tickets" } as const;
// Row ids are PostgreSQL integers: anything larger fails in the query, not as "unknown".
const id = z.coerce.number().int().positive().max(2_147_483_647);

export function encodeAction(action: ParentAction): string {
  switch (action.kind) {
    case "faq_feedback":
      return `fh:${action.lookupId}:${action.helpful ? 1 : 0}`;
    case "set_category":
      return `cat:${action.ticketId}:${action.category[0]}`;
    case "set_municipality":
      return `mun:${action.municipalityId ?? "skip"}`;
    case "municipality_page":
      return `munp:${action.page}`;
    case "reopen":
      return `ro:${action.ticketId}`;
    case "rate":
      return `rt:${action.ticketId}:${action.score}`;
    case "menu":
      return `m:${action.item[0]}`;
    case "faq_topic":
      return `ft:${action.topic}`;
    case "faq_entry":
      return `fe:${action.entryId}`;
    case "faq_offer":
      return `fo:${action.ticketId}:${action.entryId}`;
  }
}

/** The action behind a button, or null for anything unknown, stale or forged. */
export function parseAction(data: string): ParentAction | null {
  const [tag = "", a, b] = data.split(":");
  // Own keys only: "constructor" or "__proto__" must not reach Object.prototype.
  const parse = Object.hasOwn(parsers, tag) ? parsers[tag] : undefined;
  return parse?.(a, b) ?? null;
}

type Parser = (a: string | undefined, b: string | undefined) => ParentAction | null;

const parsers: Record<string, Parser> = {
  fh: (a, b) =>
    id.safeParse(a).success && (b === "1" || b === "0")
      ? { kind: "faq_feedback", lookupId: Number(a), helpful: b === "1" }
      : null,
  cat: (a, b) => {
    const category = categoryCodes[b as keyof typeof categoryCodes];
    return id.safeParse(a).success && category
      ? { kind: "set_category", ticketId: Number(a), category }
      : null;
  },
  mun: (a) =>
    a === "skip"
      ? { kind: "set_municipality", municipalityId: null }
      : id.safeParse(a).success
        ? { kind: "set_municipality", municipalityId: Number(a) }
        : null,
  munp: (a) => (/^\d{1,3}$/.test(a ?? "") ? { kind: "municipality_page", page: Number(a) } : null),
  ro: (a) => (id.safeParse(a).success ? { kind: "reopen", ticketId: Number(a) } : null),
  rt: (a, b) =>
    id.safeParse(a).success && /^[1-5]$/.test(b ?? "")
      ? { kind: "rate", ticketId: Number(a), score: Number(b) }
      : null,
  m: (a) => {
    const item = menuCodes[a as keyof typeof menuCodes];
    return item ? { kind: "menu", item } : null;
  },
  ft: (a) => (a && /^[a-z_-]{1,40}$/.test(a) ? { kind: "faq_topic", topic: a } : null),
  fe: (a) => (id.safeParse(a).success ? { kind: "faq_entry", entryId: Number(a) } : null),
  fo: (a, b) =>
    id.safeParse(a).success && id.safeParse(b).success
      ? { kind: "faq_offer", ticketId: Number(a), entryId: Number(b) }
      : null,
};
