export {
  buttonSchema,
  parentOutboundSchema,
  relayOutboundSchema,
  type Button,
  type ParentOutbound,
  type RelayOutbound,
  type OutboundChannel,
} from "./outbound-message.js";
export {
  recordOutbound,
  parentChatKey,
  relayChatKey,
  type OutboundRecord,
} from "./record-outbound.js";
export { DeliveryError, permanentCodes, type DeliveryErrorCode } from "./delivery-error.js";
export type { ChannelSender, OutboxItem } from "./channel-sender.js";
export type { FetchedFile, FileFetcher, FileFetchers } from "./file-fetcher.js";
export {
  deliverChat,
  deliverLeasedRows,
  backoffMs,
  type DelivererDeps,
} from "./outbox-deliverer.js";
export {
  createOutboxDispatcher,
  type DispatchRow,
  type LeasedRow,
  type OutboxDispatcher,
  type OutboxJob,
} from "./outbox-dispatcher.js";
export { DELIVERY_LEASE_MS } from "./outbox-sql.js";
export { recordDeliveryFailure } from "./delivery-failure.js";
