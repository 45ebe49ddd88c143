import { isQuietTicket } from "../../core/incidents/index.js";
import type { RelayOutbound } from "../../core/outbound/index.js";
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

/** Operations that would give a ticket a topic of its own (or post in it). */
const placeOps = new Set<RelayOutbound["op"]>([
  "open_topic",
  "parent_message",
  "parent_edit",
  "sync_topic",
  "notice",
]);

/**
 * A ticket waiting for an open incident shares the incident's summary post instead of a
 * topic of its own, until an agent asks for one (/topic): its place operations do nothing.
 */
async function quiet(rt: RelayRuntime, payload: RelayOutbound): Promise<boolean> {
  if (!placeOps.has(payload.op) || !("ticketId" in payload)) return false;
  return isQuietTicket(rt.deps.db, payload.ticketId);
}

function handlerFor(payload: RelayOutbound): OpHandler<RelayOutbound> {
  return handlers[payload.op];
}

/** How many messages the operation will post into the staff group(s). */
export async function opCost(rt: RelayRuntime, payload: RelayOutbound): Promise<number> {
  if (await quiet(rt, payload)) return 0;
  return handlerFor(payload).cost(rt, payload);
}

export async function runOp(
  rt: RelayRuntime,
  budget: Budget,
  payload: RelayOutbound,
): Promise<void> {
  if (await quiet(rt, payload)) return;
  return handlerFor(payload).run(rt, budget, payload);
}
