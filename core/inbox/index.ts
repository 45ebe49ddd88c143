export {
  createInboxProcessor,
  defaultInboxSettings,
  type InboxProcessor,
  type InboxSettings,
  type RowHandler,
} from "./inbox-processor.js";
export { noteSettled } from "./inbox-scope.js";
export {
  claimRows,
  INBOX_CHANNEL,
  pruneDoneRows,
  storeUpdates,
  type InboxRow,
  type IncomingUpdate,
  type StoreResult,
} from "./inbox-sql.js";
