import type { Config } from "../config/index.js";
import { type Db, poolOf } from "../db/index.js";
import {
  createInboxProcessor,
  defaultInboxSettings,
  type InboxProcessor,
  type InboxSettings,
} from "../inbox/index.js";
import type { I18n } from "../i18n/index.js";
import {
  type ActionReply,
  type Effects,
  type FaqAdvisor,
  handleParentAction,
  type IntakeDeps,
  type ParentActionInput,
  type ParentCommand,
  type ParentCommandInput,
  type ParentEditInput,
  receiveParentEdit,
  receiveParentMessage,
  runParentCommand,
  setContactReachability,
} from "../intake/index.js";
import { createIncidentBoard, incidentIntake, type IncidentBoard } from "../incidents/index.js";
import type { Logger, Metrics } from "../observability/index.js";
import { createOutboxDispatcher, type OutboxDispatcher } from "../outbound/index.js";
import {
  createJobQueues,
  type JobQueues,
  type QueueSetup,
  type RedisClient,
} from "../queue/index.js";
import { slaPolicyFor } from "../sla/load-sla-policy.js";
import type { SlaPolicy } from "../sla/sla-policy.js";
import { storable, type Clock } from "../shared/index.js";
import type { StaffDeps } from "../staff/index.js";
import type { InboundMessage } from "../tickets/inbound-message.js";

export interface CoreOptions {
  db: Db;
  redis: RedisClient;
  /** Redis key prefix of the queues (tests pass their own). */
  queuePrefix?: string;
  clock: Clock;
  config: Pick<Config, "sla" | "tickets" | "defaultTimeZone" | "relay">;
  i18n: I18n;
  faq: FaqAdvisor;
  logger: Logger;
  metrics: Metrics;
  policy?: SlaPolicy;
  /** The etiquette guard and personal-data masking used by agent actions (core/etiquette, core/privacy). */
  staffGuards?: Pick<StaffDeps, "checkEtiquette" | "checkSpelling" | "maskPersonalData">;
  /** The durable inbox's settings (INBOX_*; tests shorten the leases) and the poller lease. */
  inbox?: Partial<InboxSettings> & { pollerLeaseMs?: number; pollGatherMs?: number };
}

/** Something that wants to hear about committed changes (the SLA scheduler does). */
export type CommitListener = (effects: Effects) => Promise<void>;

/**
 * The product's core, wired once per process: the parent-facing operations the channel
 * adapters call, the outbox dispatcher and the queues. No messenger code in here.
 */
export function createCore(options: CoreOptions) {
  const queuePrefix = options.queuePrefix ?? "navsup";
  const queueSetup: QueueSetup = {
    connection: options.redis,
    prefix: queuePrefix,
    // Expected while Redis restarts: ioredis reconnects on its own, so a warning suffices.
    onError: (error, where) =>
      options.logger.warn({ err: error, where }, "Redis connection problem"),
  };
  const queues: JobQueues = createJobQueues(queueSetup);
  const dispatcher: OutboxDispatcher = createOutboxDispatcher(options.db, queues, options.clock);
  const policy =
    options.policy ??
    slaPolicyFor(options.config.sla, {
      now: options.clock.now(),
      warn: (message) => options.logger.warn(message),
    });
  const listeners: CommitListener[] = [];
  const pool = poolOf(options.db);
  const inbox: InboxProcessor = pool
    ? createInboxProcessor(pool, options.logger, { ...defaultInboxSettings, ...options.inbox })
    : inboxWithoutPool();
  // The replies a process that died was sending (their leases released, see core/liveness)
  // go out here or through the queue at once.
  inbox.onOutboxReleased((ids) => {
    dispatcher
      .dispatch(ids)
      .catch((error: unknown) =>
        options.logger.error(
          { err: error, rows: ids.length },
          "released deliveries not dispatched; the outbox sweep sends them",
        ),
      );
  });

  const afterCommit = async (effects: Effects) => {
    if (effects.outboxRows?.length) await dispatcher.dispatchRows(effects.outboxRows);
    await dispatcher.dispatch(effects.outboxIds);
    for (const listener of listeners) await listener(effects);
  };

  const intake: IntakeDeps = {
    db: options.db,
    clock: options.clock,
    i18n: options.i18n,
    policy,
    faq: options.faq,
    settings: {
      reopenWindowHours: options.config.tickets.reopenWindowHours,
      defaultTimeZone: options.config.defaultTimeZone,
      ackIntervalMinutes: 5,
      relayEnabled: options.config.relay !== undefined,
    },
    leaseOutbox: (channel) => dispatcher.leaseUntil(channel),
    afterCommit,
  };
  const incidentBoard: IncidentBoard = createIncidentBoard(options.db);
  intake.incidents = incidentIntake(intake, incidentBoard);

  const staff: StaffDeps | undefined =
    options.config.relay && options.staffGuards
      ? {
          ...intake,
          ...options.staffGuards,
          staff: {
            relayChatId: options.config.relay.chatId,
            lineChatIds: options.config.relay.lines,
            showAgentName: options.config.relay.showAgentName,
          },
        }
      : undefined;

  const timed = async <T extends { outcome: string }>(
    channel: string,
    run: () => Promise<T>,
  ): Promise<T> => {
    const stop = options.metrics.intakeSeconds.startTimer();
    const result = await run();
    stop();
    options.metrics.inbound.inc({ channel, outcome: result.outcome });
    return result;
  };

  return {
    db: options.db,
    config: options.config,
    clock: options.clock,
    i18n: options.i18n,
    logger: options.logger,
    metrics: options.metrics,
    queues,
    queuePrefix,
    /** Connection, prefix and error reporting for BullMQ workers started on this core. */
    queueSetup,
    redis: options.redis,
    dispatcher,
    policy,
    intake,
    /** The durable inbox: receivers store updates, every process processes them. */
    inbox,
    /** How long one process holds the right to long-poll a bot (POLLER_LEASE_SECONDS). */
    pollerLeaseMs: options.inbox?.pollerLeaseMs ?? 6_000,
    /** The least time from one long-poll fetch to the next after a non-empty batch (POLL_GATHER_MS). */
    pollGatherMs: options.inbox?.pollGatherMs ?? 25,
    /** Dependencies of agent actions; present when the staff relay is configured. */
    staff,
    /** The open incidents as this process knows them; `refresh()` reads them again. */
    incidentBoard,
    /** Registers a listener for committed effects (e.g. SLA timers). */
    onCommit(listener: CommitListener) {
      listeners.push(listener);
    },
    afterCommit,
    // What adapters hand in is made storable first (see storable).
    receiveMessage: (message: InboundMessage) =>
      timed(message.channel, () => receiveParentMessage(intake, storable(message))),
    handleAction: (input: ParentActionInput): Promise<ActionReply> =>
      timed(input.channel, () => handleParentAction(intake, storable(input))),
    runCommand: (command: ParentCommand, input: ParentCommandInput) =>
      timed(input.channel, () => runParentCommand(intake, command, storable(input))),
    receiveEdit: (input: ParentEditInput) => receiveParentEdit(intake, storable(input)),
    setReachability: (input: Parameters<typeof setContactReachability>[2]) =>
      setContactReachability(options.db, options.clock, input),
    async close() {
      await inbox.stop();
      await queues.close();
    },
  };
}

export type Core = ReturnType<typeof createCore>;

/** A database client made elsewhere than createDb has no pool: receiving is impossible. */
function inboxWithoutPool(): InboxProcessor {
  const problem = () =>
    new Error(
      "The inbox needs the pg pool of a client made by createDb (core/db); this client has none.",
    );
  const refuse = () => {
    throw problem();
  };
  return {
    owner: "none",
    settings: defaultInboxSettings,
    handle: refuse,
    store: () => Promise.reject(problem()),
    currentFence: () => Promise.reject(problem()),
    start: () => Promise.reject(problem()),
    stop: () => Promise.resolve(),
    settled: () => Promise.resolve(),
    shareCapacity: () => ({ wake: () => undefined }),
    onOutboxReleased: () => undefined,
    isAlive: () => Promise.resolve(true),
  };
}
