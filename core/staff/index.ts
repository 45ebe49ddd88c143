export type { StaffDeps, StaffActor, EtiquetteFinding } from "./staff-deps.js";
export {
  agentReply,
  sendFlaggedDraft,
  type AgentReplyInput,
  type AgentReplyResult,
} from "./agent-reply.js";
export {
  takeTicket,
  holdTicket,
  resolveTicket,
  reopenTicket,
  applyStaffEvent,
} from "./ticket-actions.js";
export { addNote, saveFaqDraft } from "./notes-and-drafts.js";
export {
  runStaffAction,
  type StaffActionInput,
  type StaffActionResult,
} from "./run-staff-action.js";
export { findTicketForStaffMessage } from "./find-ticket.js";
export { upsertAgent } from "./upsert-agent.js";
export { ticketCard, type TicketCard } from "./ticket-card.js";
export { ticketInfo, openTicketsList } from "./ticket-info.js";
export { topicTitle, statusBadge } from "./topic-title.js";
