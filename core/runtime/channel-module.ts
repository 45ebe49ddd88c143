import type { ChannelSender, FileFetcher, OutboundChannel } from "../outbound/index.js";
import type { MaintenanceTask } from "./maintenance.js";

/**
 * What each bot adapter gives the service: senders for its outbox channel (used by the
 * workers), receivers to start (long polling or webhook routes) and periodic tasks.
 */
export interface ChannelModule {
  name: string;
  senders: Partial<Record<OutboundChannel, ChannelSender>>;
  /** Downloads files received on this channel (for re-upload by another bot). */
  fileFetchers?: Partial<Record<OutboundChannel, FileFetcher>>;
  tasks?: MaintenanceTask[];
  /**
   * Starts receiving updates (long polling or webhook routes) and processing them from the
   * inbox; a process with the worker role only processes (startProcessing).
   */
  startReceiving(): Promise<void>;
  /** Handles updates from the inbox that any receiver stored (idempotent). */
  startProcessing?(): Promise<void>;
  /** False once receiving has stopped on its own (polling gave up); /healthz shows it. */
  isReceiving?(): boolean;
  stop(): Promise<void>;
}
