import type { Config } from "../core/config/index.js";
import { seedMunicipalities } from "../core/contacts/index.js";
import { createDb, migrationsDir, runMigrations } from "../core/db/index.js";
import { loadEtiquetteConfigFile } from "../core/etiquette/index.js";
import { createI18n } from "../core/i18n/index.js";
import { warmRussianDictionary } from "../core/language/index.js";
import {
  createFaqRepository,
  createLiveFaqAdvisor,
  redisLearnedStore,
  seedDefaultFaq,
} from "../core/faq/index.js";
import { defaultExampleLabels, relabelExamples } from "../core/faq/example-labels.js";
import { defaultTuningExamples } from "../core/faq/tuning-examples.js";
import { createMetrics, type Logger } from "../core/observability/index.js";
import { createRedis } from "../core/queue/index.js";
import {
  createCore,
  inboxPruneTask,
  faqHitsFoldTask,
  startDelivery,
  startMaintenance,
  startSla,
} from "../core/runtime/index.js";
import { searchIndexLag, startSearchIndexer } from "../core/search/index.js";
import { systemClock } from "../core/shared/index.js";
import { staffGuards } from "../core/staff/index.js";
import type { ChannelModule } from "../core/runtime/index.js";
import { addHealthRoutes, type HealthDeps } from "./health-routes.js";
import { createHttpServer, type HttpServerOptions } from "./http-server.js";
import { channelModules } from "./channel-modules.js";
import { consolePlugins } from "./console-mount.js";
import { answerSupervisor, isSupervisedChild } from "./supervised-child.js";

export interface RunningService {
  httpPort: number;
  /** Where /healthz and /metrics answer (`METRICS_PORT`). */
  metricsPort: number;
  stop(): Promise<void>;
}

/**
 * Migrations (unless MIGRATE_ON_START=false) and the sample data a fresh database needs:
 * once per start, by the supervisor when there is one, so its children never race.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  if (config.migrateOnStart) {
    const migrated = await runMigrations(config.databaseUrl, migrationsDir);
    for (const warning of migrated.warnings) logger.warn(warning);
    logger.info(
      { applied: migrated.applied, alreadyApplied: migrated.alreadyApplied },
      "database migrations checked",
    );
  }
  const db = createDb(config.databaseUrl, { poolSize: 1 });
  try {
    const seeded = await seedMunicipalities(db);
    if (seeded > 0) logger.info({ seeded }, "sample municipalities loaded");
    const faqSeeded = await seedDefaultFaq(db);
    if (faqSeeded > 0)
      logger.info({ entries: faqSeeded }, "default FAQ loaded from locales/ru/faq.yaml");
    // A support lead who renamed or removed an entry learns here that its tuning examples
    // stopped teaching it, and why (core/faq/training/production-labels.yaml).
    const published = await createFaqRepository(db).loadPublished({ locale: "ru" });
    const { relabelled, ignored } = relabelExamples(
      defaultTuningExamples(),
      new Set(published.map((entry) => entry.id)),
      defaultExampleLabels(),
    );
    if (ignored.length > 0 || relabelled > 0)
      logger.info(
        { relabelled, ignored: ignored.map((i) => `${i.id} (${i.examples}): ${i.reason}`) },
        "FAQ tuning examples read through production-labels.yaml",
      );
  } finally {
    await db.$disconnect();
  }
}

/**
 * Starts what the configuration asks for, in order: migrations, core, HTTP, then per
 * role the receivers (polling or webhooks) and the workers (outbox, SLA, maintenance).
 */
export async function startService(
  config: Config,
  logger: Logger,
  /** Fastify plugins for the public port (the web console) and its concurrency cap. */
  options: HttpServerOptions = {},
): Promise<RunningService> {
  const supervised = isSupervisedChild();
  // Under a supervisor it prepared the database once, before any child started.
  if (!supervised) await prepareDatabase(config, logger);

  const db = createDb(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    onIdleError: (error) =>
      logger.warn({ err: error }, "database connection lost while idle; a new one opens"),
  });
  const redis = createRedis(config.redisUrl);
  const metrics = createMetrics({
    countOpenTickets: () =>
      db.ticket.count({ where: { status: { notIn: ["resolved", "closed"] } } }),
    countSearchIndexLag: () => searchIndexLag(db),
  });
  let modules: ChannelModule[] = [];
  const runsReceivers = config.role !== "worker";
  const healthDeps: HealthDeps = {
    db,
    redis,
    metrics,
    logger,
    parts: () =>
      Object.fromEntries(
        modules.map((m) => [
          m.name,
          !runsReceivers ? "off" : m.isReceiving?.() === false ? "down" : "ok",
        ]),
      ),
  };
  // From the start: the supervisor's /metrics waits for an answer from every child.
  const stopAnswering = supervised ? answerSupervisor(healthDeps) : undefined;
  // One process trains the FAQ classifier of a new version; the others read its weights.
  const faq = await createLiveFaqAdvisor(db, {
    store: redisLearnedStore(redis),
    onStoreError: (error) =>
      logger.warn({ err: error }, "FAQ classifier store unavailable; training in this process"),
  });
  // Each process answers from its own copy of the FAQ and checks its version every 15 s
  // (one small query), so a published edit reaches every process without a restart.
  const faqReload = setInterval(() => {
    faq
      .reload()
      .catch((error: unknown) =>
        logger.error({ err: error }, "FAQ reload failed; the previous FAQ stays in use"),
      );
  }, 15_000);
  faqReload.unref();

  if (!config.relay) {
    logger.warn(
      "RELAY_BOT_TOKEN and RELAY_CHAT_ID are not set: tickets are opened and parents are answered, but no agent sees them until the staff relay is configured",
    );
  }
  const core = createCore({
    db,
    redis,
    clock: systemClock,
    config,
    i18n: createI18n(),
    faq,
    logger,
    metrics,
    staffGuards: staffGuards(
      config.etiquetteConfigFile ? loadEtiquetteConfigFile(config.etiquetteConfigFile) : {},
    ),
    inbox: config.inbox,
  });
  // Open incidents are kept in each process (a parent's message needs no query to learn of
  // one); a process that did not open or resolve one itself sees the change within 3 s.
  await core.incidentBoard.refresh();
  const incidentRefresh = setInterval(() => {
    core.incidentBoard
      .refresh()
      .catch((error: unknown) =>
        logger.error({ err: error }, "incident refresh failed; the previous list stays in use"),
      );
  }, 3_000);
  incidentRefresh.unref();
  const http = createHttpServer(logger, {
    ...options,
    plugins: [...(options.plugins ?? []), ...consolePlugins(core.staff, config)],
  });
  modules = await channelModules(core, config, http, logger);
  const runsWorkers = config.role !== "receiver";
  // Health and metrics stay off the public port: they tell a stranger too much. Under a
  // supervisor it serves them for all its children.
  const monitoring = supervised ? undefined : createHttpServer(logger);
  if (monitoring) addHealthRoutes(monitoring, healthDeps);

  const senders = Object.assign({}, ...modules.map((m) => m.senders)) as Parameters<
    typeof startDelivery
  >[1];
  const delivery = runsWorkers ? await startDelivery(core, senders) : undefined;
  const sla = await startSla(core, { runTimers: runsWorkers });
  const maintenance = runsWorkers
    ? await startMaintenance(core, [
        ...(delivery ? [delivery.sweepTask] : []),
        ...sla.tasks,
        inboxPruneTask(db),
        faqHitsFoldTask(db),
        ...modules.flatMap((m) => m.tasks ?? []),
      ])
    : undefined;
  // Console search data of new messages, written in batches off the reply path.
  const searchIndexer = runsWorkers ? startSearchIndexer(db, { logger }) : undefined;
  const httpPort = await http.listen(config.httpPort);
  const metricsPort = monitoring
    ? await monitoring.listen(config.metrics.port, config.metrics.host)
    : config.metrics.port;
  // Receivers store updates (and process what they can); workers process the inbox's rows.
  // About a second of CPU once, here rather than inside the first parent's or agent's request.
  warmRussianDictionary();
  if (runsReceivers) for (const module of modules) await module.startReceiving();
  else for (const module of modules) await module.startProcessing?.();
  logger.info(
    { httpPort, metricsPort, channels: modules.map((m) => m.name) },
    "navigator-support is running",
  );

  return {
    httpPort,
    metricsPort,
    async stop() {
      clearInterval(faqReload);
      clearInterval(incidentRefresh);
      for (const module of modules) await module.stop();
      await maintenance?.close();
      await searchIndexer?.close();
      await sla.close();
      await delivery?.close();
      await http.close();
      await monitoring?.close();
      stopAnswering?.();
      await core.close();
      redis.disconnect();
      await db.$disconnect();
    },
  };
}
