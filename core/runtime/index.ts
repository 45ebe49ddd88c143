export { createCore, type Core, type CoreOptions, type CommitListener } from "./create-core.js";
export { startDelivery, type DeliveryOptions } from "./start-delivery.js";
export { startMaintenance, type MaintenanceTask } from "./maintenance.js";
export type { ChannelModule } from "./channel-module.js";
export { startSla, createSlaDeps, type SlaOptions, type RunningSla } from "./start-sla.js";
export {
  startLeasedPolling,
  type LeasedPolling,
  type LeasedPollingOptions,
  type PollFetcher,
} from "./leased-polling.js";
export type { IncomingUpdate, InboxRow } from "../inbox/index.js";
export { inboxPruneTask } from "./inbox-prune.js";
export { faqHitsFoldTask } from "./faq-hits-fold.js";
