import type { Config } from "../config/index.js";
import type { Db } from "../db/index.js";
import type { I18n } from "../i18n/index.js";
import type { Effects } from "../intake/index.js";
import type { Logger, Metrics } from "../observability/index.js";
import type { KeyedTimers } from "../queue/index.js";
import type { Clock } from "../shared/index.js";
import type { SlaPolicy } from "./sla-policy.js";
import type { SlaTimerSettings } from "./timer-plan.js";

export interface SlaSettings extends SlaTimerSettings {
  /** Staff see deadlines in this zone. */
  defaultTimeZone: string;
  /** Without a staff relay configured, nothing is queued for it. */
  relayEnabled: boolean;
}

/** What the SLA engine needs; `createSlaDeps` in core/runtime builds it from the core. */
export interface SlaDeps {
  db: Db;
  clock: Clock;
  i18n: I18n;
  policy: SlaPolicy;
  logger: Logger;
  metrics: Pick<Metrics, "slaEvents">;
  settings: SlaSettings;
  /** One pending delayed job per ticket, on the SLA queue. */
  timers: KeyedTimers;
  /** Queues the outbox rows and reschedules the timers of the touched tickets. */
  afterCommit(effects: Effects): Promise<void>;
}

export function slaSettingsFrom(
  config: Pick<Config, "sla" | "tickets" | "defaultTimeZone" | "relay">,
): SlaSettings {
  return {
    warningPoints: config.sla.warningPoints,
    waitingParentReminderHours: config.tickets.waitingParentReminderHours,
    autoCloseHours: config.tickets.autoCloseHours,
    reopenWindowHours: config.tickets.reopenWindowHours,
    defaultTimeZone: config.defaultTimeZone,
    relayEnabled: config.relay !== undefined,
  };
}
