import type { OutboundChannel, ParentOutbound, RelayOutbound } from "./outbound-message.js";

/** One outbox row as a sender sees it. */
export interface OutboxItem {
  id: number;
  channel: OutboundChannel;
  /** The chat to deliver to (the part of the chat key after the channel). */
  chatId: string;
  payload: ParentOutbound | RelayOutbound;
  ticketId: number | null;
  messageId: number | null;
  /** Attempts before this one; > 0 with a crash in between means "maybe sent". */
  attempts: number;
}

/**
 * The seam between core and a messenger: adapters deliver one row and classify
 * failures with DeliveryError. A send whose outcome is unknown is repeated either way;
 * for an idempotent sender (VK's random_id) the repeat can never show twice.
 */
export interface ChannelSender {
  readonly idempotent: boolean;
  /** Optional shared rate limit checked before each row (e.g. ~20 messages/min per group). */
  readonly rateLimit?: {
    key: string;
    max: number;
    windowMs: number;
    /**
     * How many messages delivering this row will post. May look at the current state
     * (a relay op posts more when the topic must be created first), hence async.
     */
    cost(item: OutboxItem): number | Promise<number>;
  };
  /**
   * Waits until the chat may receive its next message. Called before the chat's next row
   * is claimed, so a crash during the wait leaves the row pending, not "sending".
   */
  pace?(chatId: string): Promise<void>;
  /**
   * The chat's rows form lanes, one per ticket (rows without one: one per incident, and one
   * for the rest), and the lanes take turns: the lane served longest ago sends next, order
   * kept within each lane. For a chat many tickets share (the staff group), so a flood
   * about one ticket does not hold the others back.
   */
  readonly lanes?: boolean;
  send(item: OutboxItem): Promise<{ externalMessageId?: string }>;
}
