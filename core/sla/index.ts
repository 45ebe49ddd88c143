export { plainTimePolicy, responseDue, type SlaPolicy } from "./sla-policy.js";
export { clockChangeFor, type ClockChange, type ClockFields } from "./response-clock.js";
export {
  calendarPolicy,
  workingIntervals,
  type BusinessCalendar,
  type DayInterval,
} from "./business-calendar.js";
export {
  loadCalendarFile,
  calendarFileSchema,
  toBusinessCalendar,
  isTimeZone,
  checkCalendarCoverage,
  CALENDAR_WARNING_DAYS,
} from "./calendar-file.js";
export { slaPolicyFor } from "./load-sla-policy.js";
export {
  ticketTimers,
  nextTimer,
  firedVerdict,
  timerKey,
  timerJobId,
  type SlaTimer,
  type SlaTimerKind,
  type SlaTimerSettings,
  type FiredVerdict,
} from "./timer-plan.js";
export { slaSettingsFrom, type SlaDeps, type SlaSettings } from "./sla-deps.js";
export {
  rescheduleSlaTimers,
  scheduleNewTicketTimers,
  scheduleKnownTimers,
  loadTimerStates,
  slaTimerJobName,
  slaTimerPayloadSchema,
  type SlaTimerPayload,
} from "./sla-timers.js";
export { sweepSlaTimers, type SweepResult } from "./sla-sweeper.js";
export { handleSlaTimer, SlaTimerEarlyError } from "./sla-job-handler.js";
export { postDailyDigest, digestCounts, AT_RISK_HOURS, type DigestCounts } from "./daily-digest.js";
export {
  buildSlaReport,
  listMovedDeadlines,
  summarizeTickets,
  percentile,
  type MovedDeadline,
  type ReportRow,
} from "./sla-report.js";
export { formatReportTable, formatReportCsv, formatMovedDeadlines } from "./report-format.js";
export {
  parseReportCommand,
  ReportUsageError,
  reportUsage,
  type ReportCommand,
} from "./report-args.js";
export { localDateOf, zonedInstant } from "./zoned-time.js";
export { parseDeadlineArgs, type DeadlineArgs } from "./deadline-args.js";
