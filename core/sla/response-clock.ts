import { type SlaPolicy, responseDue, resumedDeadline } from "./sla-policy.js";

export interface ClockFields {
  status: "new" | "waiting_agent" | "waiting_parent" | "on_hold" | "resolved" | "closed";
  firstResponseAt: Date | null;
  firstResponseDueAt: Date;
  responseDueAt: Date | null;
  slaPausedAt: Date | null;
}

export type ClockChange = Partial<Omit<ClockFields, "status">>;

/**
 * How one ticket event moves the SLA clock. Each parent message that waits for an
 * answer gets the full response time ("answer within 24 hours"); a hold stops the clock
 * and the time left is granted again when it ends; an agent reply or a resolution
 * means nothing is owed any more.
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
      slaPausedAt: null,
      ...(nextStatus === "waiting_parent" && !ticket.firstResponseAt
        ? { firstResponseAt: now }
        : {}),
    };
  }
  if (nextStatus === "on_hold") {
    return ticket.slaPausedAt ? {} : { slaPausedAt: now };
  }
  return restartOrResume(ticket, now, policy);
}

function restartOrResume(ticket: ClockFields, now: Date, policy: SlaPolicy): ClockChange {
  if (ticket.slaPausedAt) {
    const pausedAt = ticket.slaPausedAt;
    return {
      slaPausedAt: null,
      responseDueAt: ticket.responseDueAt
        ? resumedDeadline(policy, ticket.responseDueAt, pausedAt, now)
        : responseDue(policy, now),
      ...(ticket.firstResponseAt
        ? {}
        : {
            firstResponseDueAt: resumedDeadline(policy, ticket.firstResponseDueAt, pausedAt, now),
          }),
    };
  }
  return ticket.responseDueAt ? {} : { responseDueAt: responseDue(policy, now) };
}
