export {
  issueSignInLink,
  redeemSignInLink,
  SIGN_IN_LINK_MINUTES,
  type RedeemResult,
} from "./sign-in-links.js";
export {
  startSession,
  sessionAgent,
  endSession,
  SESSION_IDLE_MINUTES,
} from "./console-sessions.js";
export {
  listQueue,
  queueFilterSchema,
  QUEUE_PAGE_SIZE,
  QUEUE_COUNT_LIMIT,
  cursorOf,
  type QueueFilter,
  type QueuePage,
} from "./ticket-queue.js";
export { type TicketRow } from "./ticket-rows.js";
export {
  parseSearchQuery,
  searchTickets,
  SEARCH_LIMIT,
  type SearchQuery,
} from "./search-tickets.js";
export { ticketView, type TicketView, type ConversationLine } from "./ticket-view.js";
export { parentView } from "./parent-view.js";
export {
  listMacros,
  findMacro,
  applyMacro,
  saveMacro,
  deleteMacro,
  macroSchema,
} from "./macros.js";
export { updateMunicipality, municipalitySchema } from "./municipality-settings.js";
export { listFaqDrafts, publishFaqDraft, rejectFaqDraft } from "./faq-drafts.js";
export { searchFaqEntries, updateFaqEntry, faqEditSchema } from "./faq-entries.js";
export {
  dashboardStats,
  chartCsv,
  chartKeys,
  type ChartData,
  type ChartKey,
} from "./dashboard-stats.js";
export { replyWithMacro } from "./macro-reply.js";
