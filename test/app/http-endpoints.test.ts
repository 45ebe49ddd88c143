import { afterAll, beforeAll, expect, test } from "vitest";
import { startService, type RunningService } from "../../app/start-service.js";
import { loadConfig } from "../../core/config/index.js";
import { silentLogger } from "../../core/observability/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";
import { testRedisUrl } from "../support/test-redis.js";

let db: TestDb;
let service: RunningService;

beforeAll(async () => {
  db = await createTestDb({ empty: true });
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl,
    HTTP_PORT: "0",
    METRICS_PORT: "0",
    ROLE: "receiver",
  });
  service = await startService(config, silentLogger());
});

afterAll(async () => {
  await service.stop();
  await db.drop();
});

test("/healthz reports PostgreSQL and Redis on the metrics port", async () => {
  const res = await fetch(`http://127.0.0.1:${service.metricsPort}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    status: "ok",
    down: [],
    checks: { database: "ok", redis: "ok" },
  });
});

test("/healthz and /metrics are not on the public port", async () => {
  for (const path of ["/healthz", "/metrics"])
    expect((await fetch(`http://127.0.0.1:${service.httpPort}${path}`)).status).toBe(404);
});

test("/metrics speaks Prometheus", async () => {
  const res = await fetch(`http://127.0.0.1:${service.metricsPort}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toMatch(/# TYPE navsup_open_tickets gauge/);
  expect(text).toMatch(/navsup_open_tickets 0/);
  expect(text).toMatch(/^navsup_search_index_lag 0$/m);
});

test("start migrated the empty database and seeded the sample municipalities", async () => {
  expect(await db.db.municipality.count()).toBeGreaterThan(3);
  // Ticket numbers come from the column's sequence, which the migrations made.
  const [row] = await db.db.$queryRaw<{ seq: string | null }[]>`
    SELECT pg_get_serial_sequence('"Ticket"', 'number') AS seq`;
  expect(row?.seq).toBe('public."Ticket_number_seq"');
});

test("unknown paths answer 404", async () => {
  expect((await fetch(`http://127.0.0.1:${service.httpPort}/nope`)).status).toBe(404);
});
