import type { RelayOutbound } from "../../core/outbound/index.js";
import { ticketLineOf } from "../../core/staff/index.js";
import type { RelayRuntime } from "./relay-runtime.js";

/**
 * The staff groups the relay serves (one bot token): the main group (RELAY_CHAT_ID) and
 * the lines' own (RELAY_CHAT_ID_<LINE>), each with its runtime (topics, forum check).
 */
export interface RelayGroups {
  main: RelayRuntime;
  /** The group an operation is for: the ticket's line, or the group named in it. */
  runtimeFor(payload: RelayOutbound): Promise<RelayRuntime>;
}

export function createRelayGroups(
  main: RelayRuntime,
  others: readonly RelayRuntime[] = [],
): RelayGroups {
  const byChat = new Map<string, RelayRuntime>([main, ...others].map((rt) => [rt.chatId, rt]));
  const inChat = (chatId: string | undefined) => (chatId && byChat.get(chatId)) || main;
  return {
    main,
    async runtimeFor(payload) {
      if (byChat.size === 1) return main;
      switch (payload.op) {
        case "line_moved":
          return inChat(payload.fromChatId);
        case "general_text":
        case "tickets_list":
          return inChat(payload.chatId);
        case "incident_summary": {
          // A line's incident is summed up in that line's group; an all-lines one in the main.
          const incident = await main.deps.db.incident.findUnique({
            where: { id: payload.incidentId },
            select: { line: true },
          });
          return incident?.line ? inChat(main.lineChat?.(incident.line)) : main;
        }
        default: {
          const line = await ticketLineOf(main.deps.db, payload.ticketId);
          return line ? inChat(main.lineChat?.(line)) : main;
        }
      }
    },
  };
}
