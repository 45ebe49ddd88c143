export { receiveParentMessage } from "./receive-parent-message.js";
export { handleParentAction } from "./handle-parent-action.js";
export {
  runParentCommand,
  type ParentCommand,
  type ParentCommandInput,
} from "./parent-commands.js";
export { encodeAction, parseAction, type ParentAction } from "./parent-actions.js";
export type { ActionReply, ParentActionInput } from "./parent-action-input.js";
export type { FaqAdvisor, FaqSuggestion } from "./faq-advisor.js";
export { noFaq } from "./no-faq.js";
export {
  emptyEffects,
  type IntakeDeps,
  type IntakeSettings,
  type Effects,
  type IntakeOutcome,
  type IncidentIntake,
  type RouteResult,
} from "./intake-deps.js";
export { openParentTicket } from "./open-parent-ticket.js";
export { findOpenTicket } from "./find-open-ticket.js";
export { notifyStaff } from "./staff-feed.js";
export { sendToParent } from "./parent-channel.js";
export { receiveParentEdit, type ParentEditInput } from "./receive-parent-edit.js";
export { setContactReachability } from "./contact-reachability.js";
export { parentDueText, tellParentReopened } from "./parent-due-text.js";
export { runParentOperation } from "./run-parent-operation.js";
export { storeParentMessage, type ParentWords } from "./store-parent-message.js";
