import type { BotsLongPoll } from "./bots-long-poll.js";
import type { CallbackSender } from "./callback-sender.js";
import type { DeliveredEvent, VkEvent } from "./types.js";

/**
 * Sends community events to the bot: through the Callback API when a callback server
 * is configured, otherwise into the Bots Long Poll queue. Keeps every event so a test
 * can redeliver one with the same event_id.
 */
export class EventDelivery {
  readonly events: VkEvent[] = [];

  constructor(
    private readonly longPoll: BotsLongPoll,
    private readonly callback: CallbackSender,
  ) {}

  async deliver(event: VkEvent): Promise<DeliveredEvent> {
    this.events.push(event);
    return this.send(event);
  }

  /** Sends a delivered event again, unchanged (same event_id). */
  async redeliver(eventId: string): Promise<DeliveredEvent> {
    const event = this.events.find((candidate) => candidate.event_id === eventId);
    if (event === undefined) throw new Error(`fake-vk: no event with event_id ${eventId}`);
    return this.send(event);
  }

  private async send(event: VkEvent): Promise<DeliveredEvent> {
    if (!this.callback.isConfigured) {
      this.longPoll.push(event);
      return { event, eventId: event.event_id, via: "long-poll", attempt: undefined };
    }
    const attempt = await this.callback.deliver(event);
    return { event, eventId: event.event_id, via: "callback", attempt };
  }
}
