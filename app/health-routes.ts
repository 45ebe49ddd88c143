import type { Db } from "../core/db/index.js";
import type { Logger, Metrics } from "../core/observability/index.js";
import type { RedisClient } from "../core/queue/index.js";
import type { HttpServer } from "./http-server.js";

/** A part's state as /healthz shows it: no error text, which may name hosts or users. */
export type PartState = "ok" | "down" | "off";

/** How long a dependency may take to answer before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

export interface HealthDeps {
  db: Db;
  redis: RedisClient;
  metrics: Metrics;
  logger: Logger;
  /** The channels and workers of this process and whether each is up. */
  parts: () => Record<string, PartState>;
}

/** What /healthz answers for one process. */
export interface HealthReport {
  status: "ok" | "unhealthy";
  down: string[];
  checks: Record<string, PartState>;
}

/** PostgreSQL, Redis and every part of this process, checked now. */
export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const check = async (part: string, probe: () => Promise<unknown>): Promise<PartState> => {
    try {
      await withTimeout(probe(), CHECK_TIMEOUT_MS);
      return "ok";
    } catch (error) {
      deps.logger.warn({ part, err: error }, "health check: part is down");
      return "down";
    }
  };
  const [database, redis] = await Promise.all([
    check("database", () => deps.db.$queryRaw`SELECT 1`),
    check("redis", async () => {
      if ((await deps.redis.ping()) !== "PONG") throw new Error("Redis did not answer PONG");
    }),
  ]);
  const checks = { database, redis, ...deps.parts() };
  const down = Object.entries(checks)
    .filter(([, state]) => state === "down")
    .map(([part]) => part);
  return { status: down.length === 0 ? "ok" : "unhealthy", down, checks };
}

/**
 * /healthz answers 200 when PostgreSQL, Redis and every running part are up, 503 naming
 * the part that is down otherwise (the error itself goes to the log, never to the
 * answer); /metrics is the Prometheus text format. Both live on the metrics port. Under a
 * supervisor (app/process-supervisor.ts) the supervisor serves both for all its children.
 */
export function addHealthRoutes(server: HttpServer, deps: HealthDeps): void {
  server.route("GET", "/healthz", async (_req, res) => {
    const report = await checkHealth(deps);
    res
      .writeHead(report.status === "ok" ? 200 : 503, { "content-type": "application/json" })
      .end(JSON.stringify(report));
  });
  server.route("GET", "/metrics", async (_req, res) => {
    res
      .writeHead(200, { "content-type": deps.metrics.registry.contentType })
      .end(await deps.metrics.registry.metrics());
  });
}

export async function withTimeout<T>(task: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([task, late]);
  } finally {
    clearTimeout(timer);
  }
}
