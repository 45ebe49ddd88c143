import type { ChannelSender, OutboundChannel } from "../core/outbound/index.js";
import type { MaintenanceTask } from "../core/runtime/index.js";

/**
 * What each bot adapter gives the service: senders for its outbox channel (used by the
 * workers), receivers to start (long polling or webhook routes) and periodic tasks.
 */
export interface ChannelModule {
  name: string;
  senders: Partial<Record<OutboundChannel, ChannelSender>>;
  tasks?: MaintenanceTask[];
  startReceiving(): Promise<void>;
  stop(): Promise<void>;
}
