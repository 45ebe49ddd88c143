import { ConfigError, configSecrets, loadConfig, loadDatabaseUrl } from "../core/config/index.js";
import { MigrationError, migrationsDir, runMigrations } from "../core/db/index.js";
import { createLogger, createLogSafety } from "../core/observability/index.js";
import { startService } from "./start-service.js";

/**
 * The one entry point: `start` (default) runs the service, `migrate` applies the
 * database migrations. Problems an operator can fix are printed as plain lines, without
 * a stack trace, and the process exits with code 1.
 */
async function main(command: string): Promise<void> {
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
  if (command !== "start")
    throw new UsageError(`Unknown command "${command}". Use "start" or "migrate".`);
  const config = loadConfig(process.env, { requireChannel: true });
  const logger = createLogger(
    config.logLevel,
    { role: config.role },
    { secrets: configSecrets(config) },
  );
  const service = await startService(config, logger);
  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping");
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "stop failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

class UsageError extends Error {}

main(process.argv[2] ?? "start").catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error("navigator-support cannot start:");
    for (const problem of error.problems) console.error(`  - ${problem}`);
  } else if (error instanceof MigrationError || error instanceof UsageError) {
    console.error(`navigator-support: ${error.message}`);
  } else {
    // Not through the logger (it may not exist yet), but as safely: no tokens, no payloads.
    const safe = createLogSafety({ secrets: Object.values(process.env) }).serializeError(error);
    console.error("navigator-support stopped on an unexpected error:", safe);
  }
  process.exit(1);
});
