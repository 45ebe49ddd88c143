import { ConfigError, configSecrets, loadConfig, loadDatabaseUrl } from "../core/config/index.js";
// Not core/db's index: that loads the Prisma client, which the supervisor never uses.
import { MigrationError, runMigrations } from "../core/db/migrate.js";
import { migrationsDir } from "../core/db/paths.js";
import { createLogger, createLogSafety } from "../core/observability/index.js";
import { loadDotEnv, wantsHelp } from "./dot-env.js";
import { runsSupervisor } from "./process-layout.js";
import { startSupervisor, SupervisorError } from "./process-supervisor.js";
import {
  isSupervisedChild,
  PREPARE_TASK,
  untilPrepared,
  supervisedChildName,
  supervisedTask,
} from "./supervised-child.js";

const usage = `Usage: node dist/app/main.js <command>   (npm start, npm run db:migrate)
  start     run the service: the database migrations (unless MIGRATE_ON_START=false), then
            what ROLE asks for (all = receivers and workers, receiver = updates only,
            worker = queues only) in PROCESSES processes (default one per core)
  migrate   apply the database migrations and exit
Settings come from the environment and from .env in the current folder (the environment
wins); .env.example lists every variable.`;

/**
 * The one entry point: `start` runs the service, `migrate` applies the database
 * migrations. Problems an operator can fix are printed as plain lines, without a stack
 * trace, and the process exits with code 1.
 */
async function main(argv: string[]): Promise<void> {
  if (wantsHelp(argv)) {
    console.log(usage);
    return;
  }
  const [command, ...extra] = argv;
  if (!command) throw new UsageError(usage);
  if (extra.length > 0) throw new UsageError(`Unexpected "${extra.join(" ")}".\n\n${usage}`);
  loadDotEnv();
  if (command === "migrate") {
    const result = await runMigrations(loadDatabaseUrl(process.env), migrationsDir);
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    console.log(
      result.applied.length > 0
        ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
        : `Database is up to date (${result.alreadyApplied} migration(s) applied earlier).`,
    );
    return;
  }
  if (command !== "start") throw new UsageError(`Unknown command "${command}".\n\n${usage}`);
  const config = loadConfig(process.env, { requireChannel: true });
  const supervise = runsSupervisor(config) && !isSupervisedChild();
  const logger = createLogger(
    config.logLevel,
    // The pid tells the processes of one supervisor apart in a shared log.
    {
      role: supervise ? "supervisor" : config.role,
      pid: process.pid,
      ...(supervisedChildName() ? { process: supervisedChildName() } : {}),
    },
    { secrets: configSecrets(config) },
  );
  // Loaded only where it runs: the supervisor stays small without the channels and Prisma.
  const { prepareDatabase, startService } = supervise
    ? { prepareDatabase: undefined, startService: undefined }
    : await import("./start-service.js");
  if (supervisedTask() === PREPARE_TASK) {
    await prepareDatabase?.(config, logger);
    return;
  }
  // Its modules are loaded: now it waits for the migrations the prepare task applies.
  if (isSupervisedChild()) await untilPrepared();
  const started: { service?: { stop(): Promise<boolean | void> } } = {};
  let stopping = false;
  const stop = (running: { stop(): Promise<boolean | void> }) =>
    running.stop().then(
      (clean) => process.exit(clean === false ? 1 : 0),
      (error: unknown) => {
        logger.error({ err: error }, "stop failed");
        process.exit(1);
      },
    );
  const shutdown = (signal: string) => {
    // Ctrl-C reaches a supervisor's children too, and then the supervisor's SIGTERM.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    // A signal during the start is kept: the service stops cleanly once it is up.
    if (started.service) void stop(started.service);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  started.service = startService
    ? await startService(config, logger)
    : await startSupervisor(config, logger);
  if (stopping) void stop(started.service);
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  // A one-shot task child ends here; a service keeps running on its handles.
  () => {
    if (supervisedTask()) process.exit(0);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error("navigator-support cannot start:");
      for (const problem of error.problems) console.error(`  - ${problem}`);
    } else if (error instanceof UsageError) {
      console.error(error.message);
    } else if (error instanceof MigrationError || error instanceof SupervisorError) {
      console.error(`navigator-support: ${error.message}`);
    } else {
      // Not through the logger (it may not exist yet), but as safely: no tokens, no payloads.
      const safe = createLogSafety({ secrets: Object.values(process.env) }).serializeError(error);
      console.error("navigator-support stopped on an unexpected error:", safe);
    }
    process.exit(1);
  },
);
