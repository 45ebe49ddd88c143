import type { Db } from "../core/db/index.js";
import type { Metrics } from "../core/observability/index.js";
import type { RedisClient } from "../core/queue/index.js";
import type { HttpServer } from "./http-server.js";

/**
 * /healthz answers 200 only when PostgreSQL and Redis answer (503 with the failing part
 * otherwise); /metrics is the Prometheus text format.
 */
export function addHealthRoutes(
  server: HttpServer,
  deps: { db: Db; redis: RedisClient; metrics: Metrics; parts: () => Record<string, string> },
): void {
  server.route("GET", "/healthz", async (_req, res) => {
    const checks: Record<string, string> = {};
    checks.postgres = await deps.db.$queryRaw`SELECT 1`.then(
      () => "ok",
      (e: unknown) => `error: ${String(e)}`,
    );
    checks.redis = await deps.redis.ping().then(
      (p) => (p === "PONG" ? "ok" : p),
      (e: unknown) => `error: ${String(e)}`,
    );
    const healthy = Object.values(checks).every((v) => v === "ok");
    res
      .writeHead(healthy ? 200 : 503, { "content-type": "application/json" })
      .end(JSON.stringify({ status: healthy ? "ok" : "unhealthy", checks, parts: deps.parts() }));
  });
  server.route("GET", "/metrics", async (_req, res) => {
    deps.metrics.openTickets.set(
      await deps.db.ticket.count({ where: { status: { notIn: ["resolved", "closed"] } } }),
    );
    res
      .writeHead(200, { "content-type": deps.metrics.registry.contentType })
      .end(await deps.metrics.registry.metrics());
  });
}
