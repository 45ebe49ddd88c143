import { type SlaPolicy, responseDue } from "./sla-policy.js";

export interface ClockFields {
  status: "new" | "waiting_agent" | "waiting_parent" | "on_hold" | "resolved" | "closed";
  firstResponseAt: Date | null;
  firstResponseDueAt: Date;
  responseDueAt: Date | null;
}

export type ClockChange = Partial<Omit<ClockFields, "status">>;

/**
 * How one ticket event moves the SLA clock. Each parent message that waits for an
 * answer gets the full response time ("answer within 24 hours"). The clock stops only
 * while the ticket waits for the parent (an agent answered or asked a question) and
 * starts again when the parent writes. A hold does not stop it: "stay on the line" is
 * a courtesy to the parent, not a way out of the promise.
 */
export function clockChangeFor(
  ticket: ClockFields,
  nextStatus: ClockFields["status"],
  now: Date,
  policy: SlaPolicy,
): ClockChange {
  if (nextStatus === "waiting_parent" || nextStatus === "resolved" || nextStatus === "closed") {
    return {
      responseDueAt: null,
      ...(nextStatus === "waiting_parent" && !ticket.firstResponseAt
        ? { firstResponseAt: now }
        : {}),
    };
  }
  return ticket.responseDueAt ? {} : { responseDueAt: responseDue(policy, now) };
}
