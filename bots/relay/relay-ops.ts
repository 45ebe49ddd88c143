import type { RelayOutbound } from "../../core/outbound/index.js";
import type { Budget } from "./budget.js";
import type { OpHandler, OpHandlers } from "./ops/op-handler.js";
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
  line_moved: lineMoved,
  line_history: lineHistory,
};

function handlerFor(payload: RelayOutbound): OpHandler<RelayOutbound> {
  return handlers[payload.op];
}

/** How many messages the operation will post into the staff group(s). */
export function opCost(rt: RelayRuntime, payload: RelayOutbound): Promise<number> {
  return handlerFor(payload).cost(rt, payload);
}

export function runOp(rt: RelayRuntime, budget: Budget, payload: RelayOutbound): Promise<void> {
  return handlerFor(payload).run(rt, budget, payload);
}
