import type { DbFacts } from "./bench-db.js";
import { seqOf } from "./message-mix.js";
import type { TrackedMessage } from "./reply-tracker.js";

/** Where each never-answered message got stuck, from the fake's and the database's view. */
export interface LostDiagnosis {
  /** Still queued in the fake: the bot never fetched it. */
  not_handed_out: number;
  /** Fetched by the bot, but no row mentions it: dropped inside the process (acknowledged before it was stored). */
  handed_out_not_stored: number;
  /** Stored, and the chat has outbox rows still pending/sending: the delivery is stuck. */
  stored_reply_pending: number;
  /** Stored, and the chat's newest row failed for good. */
  stored_reply_failed: number;
  /** Stored, yet nothing is pending: the reply was never queued or was closed unsent. */
  stored_no_pending_reply: number;
}

export function diagnoseLost(
  messages: readonly TrackedMessage[],
  facts: Pick<DbFacts, "storedTexts" | "outbox">,
): LostDiagnosis {
  const stored = new Set<number>();
  for (const text of facts.storedTexts) {
    const seq = seqOf(text);
    if (seq !== undefined) stored.add(seq);
  }
  const pendingChats = new Set<number>();
  const failedChats = new Set<number>();
  for (const row of facts.outbox) {
    if (row.status === "pending" || row.status === "sending") pendingChats.add(row.chatId);
    if (row.status === "failed") failedChats.add(row.chatId);
  }
  const result: LostDiagnosis = {
    not_handed_out: 0,
    handed_out_not_stored: 0,
    stored_reply_pending: 0,
    stored_reply_failed: 0,
    stored_no_pending_reply: 0,
  };
  for (const m of messages) {
    if (m.repliedAt !== undefined) continue;
    if (m.handedAt === undefined) result.not_handed_out += 1;
    else if (!stored.has(m.seq)) result.handed_out_not_stored += 1;
    else if (pendingChats.has(m.chatId)) result.stored_reply_pending += 1;
    else if (failedChats.has(m.chatId)) result.stored_reply_failed += 1;
    else result.stored_no_pending_reply += 1;
  }
  return result;
}
