import type { Contact, Db, Tx } from "../db/index.js";
import type { I18n } from "../i18n/index.js";
import type { OutboundChannel } from "../outbound/outbound-message.js";
import type { DispatchRow } from "../outbound/outbox-dispatcher.js";
import type { SlaPolicy } from "../sla/sla-policy.js";
import type { Clock } from "../shared/index.js";
import type { ParsedInboundMessage } from "../tickets/inbound-message.js";
import type { FaqAdvisor } from "./faq-advisor.js";

export interface IntakeSettings {
  reopenWindowHours: number;
  defaultTimeZone: string;
  /** A text acknowledgement of follow-ups is sent at most this often (channels without reactions). */
  ackIntervalMinutes: number;
  /** Without a staff relay configured, nothing is queued for it. */
  relayEnabled: boolean;
}

/** What a committed intake operation left to do outside the transaction. */
export interface Effects {
  outboxIds: number[];
  ticketIds: number[];
  /** Rows already known by channel and chat (the hot path's), dispatched without a read. */
  outboxRows?: DispatchRow[];
  /** Tickets opened by this change, with their deadline: their timers need no read. */
  newTickets?: { id: number; responseDueAt: Date; category?: string }[];
  /** Tickets whose timer facts the change read back as it wrote them: no read either. */
  knownTimers?: KnownTimerFacts[];
}

/** What an open ticket's timers depend on, as a statement left it (see loadTimerStates). */
export interface KnownTimerFacts {
  id: number;
  status: "new" | "waiting_agent";
  category: string;
  responseDueAt: Date | null;
  /** SlaEvent keys of the timers that acted already. */
  notified: string[];
}

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  i18n: I18n;
  policy: SlaPolicy;
  faq: FaqAdvisor;
  settings: IntakeSettings;
  /**
   * The lease a reply of the channel may be written with when this process sends it at
   * once (see outboxCte): its end and its holder (this process's owner id); absent or
   * undefined: written pending, claimed by a deliverer.
   */
  leaseOutbox?(channel: OutboundChannel): { until: Date; by: string } | undefined;
  /** Queues the outbox rows and (re)schedules SLA timers of the touched tickets. */
  afterCommit(effects: Effects): Promise<void>;
  /** Incident mode (core/incidents); absent in setups without it. */
  incidents?: IncidentIntake;
}

export type RouteResult = { outcome: IntakeOutcome; ticketId?: number };

/**
 * What intake asks of incident mode. Defined here so intake never imports core/incidents
 * (which builds on intake): createCore plugs the implementation in.
 */
export interface IncidentIntake {
  /** Whether any incident is open now (in-process, no query): the hot path steps aside. */
  anyOpen(): boolean;
  /** Runs the usual routing of a parent's message, with the notice first and the ticket linked. */
  receive(
    tx: Tx,
    effects: Effects,
    contact: Contact,
    message: ParsedInboundMessage,
    route: () => Promise<RouteResult>,
  ): Promise<RouteResult>;
}

export function emptyEffects(): Effects {
  return { outboxIds: [], ticketIds: [] };
}

export type IntakeOutcome =
  "duplicate" | "appended" | "faq_answer" | "ticket_opened" | "small_talk" | "municipality_set";
