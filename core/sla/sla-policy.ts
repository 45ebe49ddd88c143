import { MINUTE } from "../shared/index.js";

/**
 * How deadlines are counted. The default counts plain time (the seed's "24 hours,
 * whatever the load"); a business calendar counts working time only.
 */
export interface SlaPolicy {
  /** The moment `minutes` of counted time have passed after `start`. */
  addMinutes(start: Date, minutes: number): Date;
  /** Counted time between two moments, in ms. */
  countedBetween(from: Date, to: Date): number;
  readonly responseMinutes: number;
  /** Counts working time of a business calendar (texts say "рабочих часов"). */
  readonly workingTime?: boolean;
  /** Lines (ticket categories) with a response time of their own. */
  readonly lines?: Partial<Record<string, SlaPolicy>>;
}

/** The policy of a ticket's line: its own response time, or the global one. */
export function policyForLine(policy: SlaPolicy, line: string): SlaPolicy {
  return policy.lines?.[line] ?? policy;
}

export function plainTimePolicy(responseMinutes: number): SlaPolicy {
  return {
    responseMinutes,
    addMinutes: (start, minutes) => new Date(start.getTime() + minutes * MINUTE),
    countedBetween: (from, to) => Math.max(0, to.getTime() - from.getTime()),
  };
}

/** The deadline of a reply requested at `at`. */
export function responseDue(policy: SlaPolicy, at: Date): Date {
  return policy.addMinutes(at, policy.responseMinutes);
}
