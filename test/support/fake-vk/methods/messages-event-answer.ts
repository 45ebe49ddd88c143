import { invalidParam } from "../api-error.js";
import { requiredInt, requiredString } from "../params.js";
import type { VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";

function parseEventData(raw: string | undefined): unknown {
  if (raw === undefined || raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalidParam("event_data is invalid");
  }
}

/**
 * messages.sendMessageEventAnswer: answers a callback button press once. The event id,
 * user and peer must match a press the fake delivered. Returns 1.
 */
export function messagesSendMessageEventAnswer(world: FakeVkWorld, params: VkParams): unknown {
  const eventId = requiredString(params, "event_id");
  const userId = requiredInt(params, "user_id");
  const peerId = requiredInt(params, "peer_id");
  const eventData = parseEventData(params.event_data);
  const press = world.state.messageEvents.get(eventId);
  if (press === undefined || press.userId !== userId || press.peerId !== peerId) {
    throw invalidParam("event_id is invalid");
  }
  world.state.messageEvents.delete(eventId);
  world.state.messageEventAnswers.push({ eventId, userId, peerId, eventData });
  return 1;
}
