import { type Db, Prisma } from "../db/index.js";
import { type TicketRow, ticketRowsByIds } from "./ticket-rows.js";

export const SEARCH_LIMIT = 50;

/** What a search box entry means: a ticket number, a phone number, or words. */
export type SearchQuery =
  | { kind: "number"; number: number }
  | { kind: "phone"; digits: string }
  | { kind: "words"; text: string }
  | { kind: "empty" };

/**
 * "№123", "#123" or "123" is a ticket number; 7 or more digits (with any punctuation,
 * "+7 (912) 345-67-89") is a phone; anything else is words in messages and parents' names.
 */
export function parseSearchQuery(raw: string): SearchQuery {
  const text = raw.trim().slice(0, 200);
  if (text === "") return { kind: "empty" };
  const number = /^(?:№|#|n)?\s*(\d{1,6})$/i.exec(text);
  if (number) return { kind: "number", number: Number(number[1]) };
  const digits = text.replace(/\D/g, "");
  if (/^[\d\s()+\-.]+$/.test(text) && digits.length >= 7)
    // Russian numbers are written with 8, 7 or +7 in front: the last ten digits identify them.
    return { kind: "phone", digits: digits.slice(-10) };
  return { kind: "words", text };
}

/**
 * Tickets matching a search, newest first, at most SEARCH_LIMIT. Every branch is answered
 * from an index (see the console migrations): the ticket number's unique index, the
 * trigram index on messages' digits and the Russian tsvector of messages (both in
 * "MessageSearch", GIN) and the trigram index on parents' names; the name expression below
 * must stay identical to its index.
 *
 * "MessageSearch" is filled off the reply path by the search indexer (core/search), so
 * messages still in "MessageSearchQueue" (seconds' worth; the lag gauge in /metrics) are
 * searched by their text directly, with the indexer's own expressions: a message is found
 * as soon as it is committed. An edited message is found by its old words as well until the
 * indexer catches up.
 */
export async function searchTickets(db: Db, query: SearchQuery): Promise<TicketRow[]> {
  return ticketRowsByIds(db, await matchingTicketIds(db, query));
}

async function matchingTicketIds(db: Db, query: SearchQuery): Promise<number[]> {
  switch (query.kind) {
    case "empty":
      return [];
    case "number": {
      const ticket = await db.ticket.findUnique({
        where: { number: query.number },
        select: { id: true },
      });
      return ticket ? [ticket.id] : [];
    }
    case "phone": {
      const pattern = `%${query.digits}%`;
      const rows = await db.$queryRaw<{ id: number }[]>`
        SELECT id FROM (
          (SELECT DISTINCT "ticketId" AS id FROM "MessageSearch" WHERE digits LIKE ${pattern}
            ORDER BY id DESC LIMIT ${SEARCH_LIMIT})
          UNION
          (SELECT "ticketId" FROM "MessageSearchQueue"
            -- Finding a digit costs a thirtieth of removing every non-digit: texts without
            -- one are skipped first (quals of equal cost run in the order written).
            WHERE "text" ~ '\\d' AND regexp_replace("text", '\\D', '', 'g') LIKE ${pattern})
        ) hits ORDER BY id DESC LIMIT ${SEARCH_LIMIT}`;
      return rows.map((r) => r.id);
    }
    case "words":
      return wordsNewestFirst(db, query.text);
  }
}

/**
 * Ticket windows searched newest first: the newest 1,000 tickets, the 10,000 before them,
 * the 100,000 before those, then the rest, stopping once a page is full. A common word
 * fills the page in the first window; a rare one costs only its few matches in each.
 */
const WINDOWS = [1_000, 10_000, 100_000, Infinity];

/**
 * Words match a message's indexed tsvector (or a queued message's text) or a part of the parent's name or @username.
 *
 * Why windows instead of one query: the planner cannot tell a rare word from a missing
 * one (both fall below its per-word statistics), so "newest first" in one query either
 * walks every message in order looking for a word that is not there (seconds), or fetches
 * every match of a common word to sort them (a fifth of all messages). Within a window
 * both plans are bounded by the window's size.
 */
async function wordsNewestFirst(db: Db, text: string): Promise<number[]> {
  const name = text.replace(/^@/, "");
  // Fewer than three characters make no trigram: the name index could not help.
  const namePattern =
    [...name].length >= 3 ? `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // The queued tail is read once for all windows: one pass over its messages' text.
  const [{ max, tail } = { max: null, tail: [] }] = await db.$queryRaw<
    { max: number | null; tail: number[] }[]
  >`
    SELECT (SELECT max(id) FROM "Ticket") AS max,
           ARRAY(SELECT DISTINCT "ticketId" FROM "MessageSearchQueue"
                  WHERE to_tsvector('russian'::regconfig, "text")
                        @@ websearch_to_tsquery('russian', ${text})) AS tail`;
  let hi = max ?? 0;
  const found: number[] = [];
  for (const [i, size] of WINDOWS.entries()) {
    if (hi <= 0 || found.length >= SEARCH_LIMIT) break;
    const lo = Math.max(0, hi - size);
    const need = SEARCH_LIMIT - found.length;
    const indexed = await windowMatches(db, text, namePattern, { lo, hi, need, ordered: i === 0 });
    const queued = tail.filter((id) => id > lo && id <= hi);
    found.push(...[...new Set([...indexed, ...queued])].sort((a, b) => b - a).slice(0, need));
    hi = lo;
  }
  return found;
}

/**
 * One window's indexed matches, newest first. In the first window (`ordered`) the planner may walk
 * the newest tickets' messages in order and stop at a page: a common word fills it at once,
 * and the window bounds the walk for a rare one. In the larger windows that walk could read
 * every message of the window for a word that is not there (the planner cannot tell a rare
 * word from a missing one), so there the order is asked of `id + 0`, which no index
 * provides: PostgreSQL then reads only the word's matches in the window (a bitmap of the
 * tsvector index and the window's range; trigrams for names) and sorts those few.
 */
async function windowMatches(
  db: Db,
  text: string,
  namePattern: string | null,
  w: { lo: number; hi: number; need: number; ordered: boolean },
): Promise<number[]> {
  const messageOrder = w.ordered ? Prisma.sql`"ticketId"` : Prisma.sql`"ticketId" + 0`;
  const ticketOrder = w.ordered ? Prisma.sql`t.id` : Prisma.sql`t.id + 0`;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM (
      (SELECT DISTINCT ${messageOrder} AS id FROM "MessageSearch"
        WHERE "ticketId" > ${w.lo} AND "ticketId" <= ${w.hi}
          AND words @@ websearch_to_tsquery('russian', ${text})
        ORDER BY 1 DESC LIMIT ${w.need})
      UNION
      (SELECT ${ticketOrder} AS id FROM "Ticket" t JOIN "Contact" c ON c.id = t."contactId"
        WHERE t.id > ${w.lo} AND t.id <= ${w.hi} AND ${namePattern}::text IS NOT NULL
          AND (c."displayName" || ' ' || coalesce(c."username", '')) ILIKE ${namePattern}
        ORDER BY 1 DESC LIMIT ${w.need})
    ) hits ORDER BY id DESC LIMIT ${w.need}`;
  return rows.map((r) => r.id);
}
