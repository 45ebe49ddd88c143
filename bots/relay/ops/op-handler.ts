import type { RelayOutbound } from "../../../core/outbound/index.js";
import type { RelayView } from "../../../core/staff/index.js";
import type { Budget } from "../budget.js";
import type { RelayRuntime } from "../relay-runtime.js";

/**
 * One relay operation: what it would post into the staff group (counted before the send,
 * for the group's rate limit) and how it posts it, rendered from the current state.
 */
export interface OpHandler<P> {
  /** `view`: the ticket as read for a place operation (relay-ops placeOps), else absent. */
  cost(rt: RelayRuntime, payload: P, view?: RelayView): Promise<number>;
  run(rt: RelayRuntime, budget: Budget, payload: P, view?: RelayView): Promise<void>;
}

/** The view a place operation is always given (relay-ops reads it before the handler). */
export function placeView(view: RelayView | undefined): RelayView {
  if (!view) throw new Error("A place operation ran without the view relay-ops reads for it.");
  return view;
}

export type OpHandlers = {
  [K in RelayOutbound["op"]]: OpHandler<Extract<RelayOutbound, { op: K }>>;
};
