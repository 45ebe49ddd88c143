export type { StaffDeps, StaffActor, EtiquetteFinding } from "./staff-deps.js";
export { staffGuards } from "./staff-guards.js";
export { etiquetteFindingText } from "./etiquette-finding-text.js";
export { agentReply, type AgentReplyInput, type AgentReplyResult } from "./agent-reply.js";
export {
  sendFlaggedDraft,
  discardFlaggedDraft,
  findFlaggedDraft,
  type FlaggedDraft,
} from "./flagged-drafts.js";
export {
  takeTicket,
  holdTicket,
  resolveTicket,
  reopenTicket,
  applyStaffEvent,
} from "./ticket-actions.js";
export { addNote, saveFaqDraft } from "./notes-and-drafts.js";
export { moveDeadline } from "./move-deadline.js";
export { moveTicketLine, dueOnLine } from "./move-line.js";
export { ticketHistory, fileMessagesShownIn } from "./ticket-history.js";
export { requestTicketInfo, requestTicketsList, postStaffHint } from "./staff-requests.js";
export { setAgentRole, listSupervisors, agentRoleOf } from "./agent-roles.js";
export {
  runStaffAction,
  type StaffActionInput,
  type StaffActionResult,
} from "./run-staff-action.js";
export { findTicketForStaffMessage } from "./find-ticket.js";
export { upsertAgent } from "./upsert-agent.js";
export {
  ticketCard,
  renderTicketCard,
  type TicketCard,
  type TicketCardData,
} from "./ticket-card.js";
export {
  loadRelayView,
  loadRelayViewWithPrisma,
  type RelayView,
  type RelayViewOptions,
} from "./relay-view.js";
export {
  revealPersonalData,
  type RevealTarget,
  type RevealResult,
} from "./reveal-personal-data.js";
export { ticketInfo, openTicketsList } from "./ticket-info.js";
export { topicTitle, statusBadge } from "./topic-title.js";
export {
  loadRelayTicket,
  ticketLineOf,
  recordPlace,
  forgetTopic,
  recordRelayed,
  albumMessages,
  type RelayTicket,
} from "./relay-records.js";
