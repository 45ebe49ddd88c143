import type { Config } from "../../core/config/index.js";
import { createLiveFaqAdvisor, seedDefaultFaq } from "../../core/faq/index.js";
import { createI18n } from "../../core/i18n/index.js";
import { type FaqAdvisor, noFaq } from "../../core/intake/index.js";
import { createMetrics, silentLogger } from "../../core/observability/index.js";
import { createCore, type Core, type CoreOptions } from "../../core/runtime/index.js";
import { type Clock, systemClock } from "../../core/shared/index.js";
import { createTestDb, type TestDb } from "./test-db.js";
import { createTestRedis, type TestRedis } from "./test-redis.js";

export type TestConfig = Pick<Config, "sla" | "tickets" | "defaultTimeZone" | "relay">;

export function testConfig(overrides: Partial<TestConfig> = {}): TestConfig {
  return {
    sla: {
      firstResponseMinutes: 1440,
      warningPoints: [
        { kind: "share", percent: 50 },
        { kind: "share", percent: 80 },
        { kind: "before", minutes: 15 },
      ],
    },
    tickets: { reopenWindowHours: 72, waitingParentReminderHours: 48, autoCloseHours: 120 },
    defaultTimeZone: "Europe/Moscow",
    relay: undefined,
    ...overrides,
  };
}

export interface TestCore {
  core: Core;
  testDb: TestDb;
  testRedis: TestRedis;
  close(): Promise<void>;
}

/** A core on its own database and Redis prefix: the real thing, isolated per test file. */
export async function createTestCore(
  options: {
    config?: Partial<TestConfig>;
    /** An advisor, or "default": the shipped FAQ (locales/ru/faq.yaml) loaded into the test database. */
    faq?: FaqAdvisor | "default";
    clock?: Clock;
    staffGuards?: CoreOptions["staffGuards"];
    /** Inbox and poller-lease settings (tests of crashes and takeovers shorten the leases). */
    inbox?: CoreOptions["inbox"];
  } = {},
): Promise<TestCore> {
  const testDb = await createTestDb();
  const testRedis = createTestRedis();
  let faq: FaqAdvisor = noFaq;
  if (options.faq === "default") {
    await seedDefaultFaq(testDb.db);
    faq = await createLiveFaqAdvisor(testDb.db);
  } else if (options.faq) {
    faq = options.faq;
  }
  const core = createCore({
    db: testDb.db,
    redis: testRedis.redis,
    queuePrefix: testRedis.prefix,
    clock: options.clock ?? systemClock,
    config: testConfig(options.config),
    i18n: createI18n(),
    faq,
    logger: silentLogger(),
    metrics: createMetrics(),
    staffGuards: options.staffGuards,
    inbox: options.inbox,
  });
  return {
    core,
    testDb,
    testRedis,
    async close() {
      await core.close();
      await testRedis.cleanup();
      await testDb.drop();
    },
  };
}
