import type { RelayOutbound } from "../../core/outbound/index.js";
import type { RelayView } from "../../core/staff/index.js";
import type { Budget } from "./budget.js";
import type { OpHandler, OpHandlers } from "./ops/op-handler.js";
import { incidentSummary } from "./ops/incident-ops.js";
import { lineHistory, lineMoved } from "./ops/line-ops.js";
import { openTopic, parentEdit, parentMessage } from "./ops/parent-ops.js";
import {
  etiquetteWarning,
  generalText,
  info,
  notice,
  supervisorAlert,
  ticketsList,
} from "./ops/text-ops.js";
import { revealCard, syncTopic } from "./ops/topic-ops.js";
import type { RelayRuntime } from "./relay-runtime.js";
import { viewOf } from "./ticket-place.js";

/** Every operation core can ask of the staff relay (core/outbound relayOutboundSchema). */
const handlers: OpHandlers = {
  open_topic: openTopic,
  parent_message: parentMessage,
  parent_edit: parentEdit,
  sync_topic: syncTopic,
  notice,
  supervisor_alert: supervisorAlert,
  general_text: generalText,
  etiquette_warning: etiquetteWarning,
  info,
  tickets_list: ticketsList,
  reveal_card: revealCard,
  incident_summary: incidentSummary,
  line_moved: lineMoved,
  line_history: lineHistory,
};

/**
 * Operations that would give a ticket a topic of its own (or post in it), with what their
 * view of the ticket reads besides the ticket (core/staff relay-view).
 */
const placeOps: {
  [K in RelayOutbound["op"]]?: (p: Extract<RelayOutbound, { op: K }>) => ViewNeeds;
} = {
  open_topic: () => ({ card: true }),
  parent_message: (p) => ({ messageId: p.messageId }),
  parent_edit: (p) => ({ messageId: p.messageId }),
  sync_topic: () => ({ card: true }),
  notice: () => ({}),
};

type ViewNeeds = { card?: boolean; messageId?: number };

function placeViewOf(rt: RelayRuntime, payload: RelayOutbound): Promise<RelayView> | undefined {
  const needs = placeOps[payload.op] as ((p: RelayOutbound) => ViewNeeds) | undefined;
  if (!needs || !("ticketId" in payload)) return undefined;
  return viewOf(rt, payload.ticketId, needs(payload));
}

function handlerFor(payload: RelayOutbound): OpHandler<RelayOutbound> {
  return handlers[payload.op];
}

/**
 * How many messages the operation will post into the staff group(s), and the view it
 * counted from, for the send that follows (one read for both). A ticket waiting for an
 * open incident shares the incident's summary post instead of a topic of its own, until
 * an agent asks for one (/topic): its place operations post nothing.
 */
export async function opCost(
  rt: RelayRuntime,
  payload: RelayOutbound,
): Promise<{ units: number; view?: RelayView }> {
  const view = await placeViewOf(rt, payload);
  if (view?.quiet) return { units: 0, view };
  return { units: await handlerFor(payload).cost(rt, payload, view), view };
}

/** Runs the operation; `view` is the one its cost was counted from, read again if absent. */
export async function runOp(
  rt: RelayRuntime,
  budget: Budget,
  payload: RelayOutbound,
  counted?: RelayView,
): Promise<void> {
  const view = counted ?? (await placeViewOf(rt, payload));
  if (view?.quiet) return;
  return handlerFor(payload).run(rt, budget, payload, view);
}
