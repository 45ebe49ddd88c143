import type { ParsedInboundMessage } from "../../tickets/inbound-message.js";
import type { IntakeOutcome, KnownTimerFacts } from "../intake-deps.js";
import type { ParentState } from "./read-parent.js";
import type { OutboxRef } from "./write-fragments.js";

/** One parent message on the hot path: the message, its distinct dedupe keys, what was read. */
export interface HotContext {
  message: ParsedInboundMessage;
  eventKeys: string[];
  state: ParentState;
}

/** A committed hot-path operation: its outcome and what afterCommit must start. */
export interface HotResult {
  outcome: IntakeOutcome;
  ticketId?: number;
  outbox: OutboxRef[];
  ticketIds: number[];
  newTickets?: { id: number; responseDueAt: Date; category?: string }[];
  knownTimers?: KnownTimerFacts[];
}
