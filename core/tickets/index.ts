export {
  inboundMessageSchema,
  MAX_TEXT_LENGTH,
  type InboundMessage,
  type ParsedInboundMessage,
} from "./inbound-message.js";
export { attachmentSchema, parseAttachments, type Attachment } from "./attachment.js";
export {
  nextStatus,
  canTransition,
  isOpen,
  openStatuses,
  slaClockRuns,
  type TicketStatus,
  type TicketEvent,
} from "./ticket-state.js";
export { applyTicketEvent, lockTicket, type TicketEventContext } from "./apply-ticket-event.js";
export { openTicket, type TicketCategory, type OpenTicketInput } from "./open-ticket.js";
export { addMessage, type NewMessage } from "./add-message.js";
export { claimInboundEvent, claimOnce } from "./inbound-events.js";
