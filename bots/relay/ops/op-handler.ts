import type { RelayOutbound } from "../../../core/outbound/index.js";
import type { Budget } from "../budget.js";
import type { RelayRuntime } from "../relay-runtime.js";

/**
 * One relay operation: what it would post into the staff group (counted before the send,
 * for the group's rate limit) and how it posts it, rendered from the current state.
 */
export interface OpHandler<P> {
  cost(rt: RelayRuntime, payload: P): Promise<number>;
  run(rt: RelayRuntime, budget: Budget, payload: P): Promise<void>;
}

export type OpHandlers = {
  [K in RelayOutbound["op"]]: OpHandler<Extract<RelayOutbound, { op: K }>>;
};
