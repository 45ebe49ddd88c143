import { PrismaPg } from "@prisma/adapter-pg";
import { poolOf } from "../../core/db/index.js";
import { PrismaClient } from "../../core/db/generated/client.js";
import { createI18n } from "../../core/i18n/index.js";
import { createMetrics, silentLogger } from "../../core/observability/index.js";
import { createCore, type Core } from "../../core/runtime/index.js";
import { systemClock } from "../../core/shared/index.js";
import { countStatements } from "../support/statement-counter.js";
import { createTestCore, testConfig, type TestCore } from "../support/test-core.js";

/** A staff relay that is configured (so the topic's outbox rows are written) but never reached. */
const relay = {
  token: "relay-token",
  apiRoot: "http://127.0.0.1:9",
  chatId: "-1001",
  showAgentName: false,
  groupMessagesPerMinute: 20,
};

export interface TwoPaths {
  t: TestCore;
  /** A core on the same database whose Prisma client the hot path does not know: the general path. */
  general: Core;
  /** Runs one call and returns its result with the statements sent to PostgreSQL meanwhile. */
  counted<R>(run: () => Promise<R>): Promise<{ result: R; statements: number }>;
  close(): Promise<void>;
}

/**
 * The hot path and the general path side by side on one database, with the relay on and
 * every statement any pg client sends counted, so a test can run the same scenario on
 * both, compare what they leave behind and know which path ran.
 */
export async function startTwoPaths(): Promise<TwoPaths> {
  const statements = countStatements();
  const t = await createTestCore({ faq: "default", config: { relay } });
  const pool = poolOf(t.testDb.db);
  if (!pool) throw new Error("createDb registers its pool");
  const general = createCore({
    db: new PrismaClient({ adapter: new PrismaPg(pool) }),
    redis: t.testRedis.redis,
    queuePrefix: `${t.testRedis.prefix}:general`,
    clock: systemClock,
    config: testConfig({ relay }),
    i18n: createI18n(),
    faq: t.core.intake.faq,
    logger: silentLogger(),
    metrics: createMetrics(),
  });
  return {
    t,
    general,
    async counted(run) {
      statements.reset();
      const result = await run();
      return { result, statements: statements.count };
    },
    async close() {
      statements.stop();
      await general.close();
      await t.close();
    },
  };
}
