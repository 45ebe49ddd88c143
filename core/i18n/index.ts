export {
  createI18n,
  defaultLocalesDir,
  I18nError,
  type I18n,
  type MessageArgs,
} from "./create-i18n.js";
export { formatDueTime, formatDuration } from "./format-date.js";
