import { CoreError } from "../shared/index.js";

export type TicketStatus =
  "new" | "waiting_agent" | "waiting_parent" | "on_hold" | "resolved" | "closed";

/** What can happen to a ticket; the state machine below decides where it leads. */
export type TicketEvent =
  "parent_message" | "agent_reply" | "take" | "hold" | "resume" | "resolve" | "reopen" | "close";

/**
 * The whole lifecycle in one table. `new` has not been answered yet, `waiting_agent`
 * means the parent spoke last, `waiting_parent` that an agent did; `on_hold` is an
 * agent checking something (the parent was told; a message from the parent ends the
 * hold; the deadline keeps running). A `resolved` ticket can be reopened within the reopen window; `closed` is final.
 */
const transitions: Record<TicketStatus, Partial<Record<TicketEvent, TicketStatus>>> = {
  new: {
    parent_message: "new",
    agent_reply: "waiting_parent",
    take: "waiting_agent",
    hold: "on_hold",
    resolve: "resolved",
    close: "closed",
  },
  waiting_agent: {
    parent_message: "waiting_agent",
    agent_reply: "waiting_parent",
    take: "waiting_agent",
    hold: "on_hold",
    resolve: "resolved",
    close: "closed",
  },
  waiting_parent: {
    parent_message: "waiting_agent",
    agent_reply: "waiting_parent",
    take: "waiting_parent",
    hold: "on_hold",
    resolve: "resolved",
    close: "closed",
  },
  on_hold: {
    parent_message: "waiting_agent",
    agent_reply: "waiting_parent",
    take: "on_hold",
    resume: "waiting_agent",
    resolve: "resolved",
    close: "closed",
  },
  resolved: {
    reopen: "waiting_agent",
    close: "closed",
  },
  closed: {},
};

export const openStatuses: readonly TicketStatus[] = [
  "new",
  "waiting_agent",
  "waiting_parent",
  "on_hold",
];

export function isOpen(status: TicketStatus): boolean {
  return openStatuses.includes(status);
}

/** The status after `event`, or ILLEGAL_TRANSITION naming both. */
export function nextStatus(status: TicketStatus, event: TicketEvent): TicketStatus {
  const next = transitions[status][event];
  if (!next) {
    throw new CoreError(
      "ILLEGAL_TRANSITION",
      `A ticket in status "${status}" cannot take "${event}"${status === "closed" ? ": it is closed for good, open a new one" : ""}.`,
    );
  }
  return next;
}

export function canTransition(status: TicketStatus, event: TicketEvent): boolean {
  return transitions[status][event] !== undefined;
}

/**
 * Whether the response clock runs in this status: it stops only while the parent is
 * expected to answer, as the seed's 24 h counts the support team's time. A hold does not
 * stop it ("answer within 24 hours, whatever the load").
 */
export function slaClockRuns(status: TicketStatus): boolean {
  return status === "new" || status === "waiting_agent" || status === "on_hold";
}
