import type { Config } from "../core/config/index.js";
import { seedMunicipalities } from "../core/contacts/index.js";
import { createDb, migrationsDir, runMigrations } from "../core/db/index.js";
import { loadEtiquetteConfigFile } from "../core/etiquette/index.js";
import { createI18n } from "../core/i18n/index.js";
import { createLiveFaqAdvisor, seedDefaultFaq } from "../core/faq/index.js";
import { createMetrics, type Logger } from "../core/observability/index.js";
import { createRedis } from "../core/queue/index.js";
import {
  createCore,
  inboxPruneTask,
  startDelivery,
  startMaintenance,
  startSla,
} from "../core/runtime/index.js";
import { systemClock } from "../core/shared/index.js";
import { staffGuards } from "../core/staff/index.js";
import type { ChannelModule } from "../core/runtime/index.js";
import { addHealthRoutes } from "./health-routes.js";
import { createHttpServer, type HttpServerOptions } from "./http-server.js";
import { channelModules } from "./channel-modules.js";
import { consolePlugins } from "./console-mount.js";

export interface RunningService {
  httpPort: number;
  /** Where /healthz and /metrics answer (`METRICS_PORT`). */
  metricsPort: number;
  stop(): Promise<void>;
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
  if (config.migrateOnStart) {
    const migrated = await runMigrations(config.databaseUrl, migrationsDir);
    for (const warning of migrated.warnings) logger.warn(warning);
    logger.info(
      { applied: migrated.applied, alreadyApplied: migrated.alreadyApplied },
      "database migrations checked",
    );
  }

  const db = createDb(config.databaseUrl, { poolSize: config.databasePoolSize });
  const redis = createRedis(config.redisUrl);
  const metrics = createMetrics();
  const seeded = await seedMunicipalities(db);
  if (seeded > 0) logger.info({ seeded }, "sample municipalities loaded");
  const faqSeeded = await seedDefaultFaq(db);
  if (faqSeeded > 0)
    logger.info({ entries: faqSeeded }, "default FAQ loaded from locales/ru/faq.yaml");
  const faq = await createLiveFaqAdvisor(db);
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
  const modules: ChannelModule[] = await channelModules(core, config, http, logger);
  const runsWorkers = config.role !== "receiver";
  const runsReceivers = config.role !== "worker";
  // Health and metrics stay off the public port: they tell a stranger too much.
  const monitoring = createHttpServer(logger);
  addHealthRoutes(monitoring, {
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
  });

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
        ...modules.flatMap((m) => m.tasks ?? []),
      ])
    : undefined;
  const httpPort = await http.listen(config.httpPort);
  const metricsPort = await monitoring.listen(config.metrics.port, config.metrics.host);
  // Receivers store updates (and process what they can); workers process the inbox's rows.
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
      await sla.close();
      await delivery?.close();
      await http.close();
      await monitoring.close();
      await core.close();
      redis.disconnect();
      await db.$disconnect();
    },
  };
}
