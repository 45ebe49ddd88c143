import { BotRegistry, type BotInit } from "./bots.js";
import { CallLog } from "./call-log.js";
import type { FakeEnv } from "./env.js";
import { FaultInjector } from "./faults.js";
import { RateLimiter, type RateLimitSettings } from "./rate-limits.js";
import { World } from "./state/world.js";

/** Options of startFakeTelegram; everything has a test-friendly default. */
export interface FakeTelegramOptions {
  /** Bots to create up front (more can be added with addBot or appear on first use). */
  bots?: BotInit[];
  /** Accept any well-formed unknown token as a new bot (default true); false answers 401. */
  autoRegisterBots?: boolean;
  /** Time source in ms (default Date.now): message dates and flood-limit windows use it. */
  clock?: () => number;
  rateLimits?: RateLimitSettings;
  /** Webhook POST timeout (default 10000 ms, grammY's own) and first redelivery delay (default 100 ms). */
  webhookTimeoutMs?: number;
  webhookRetryDelayMs?: number;
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
}

/** Builds the shared state of a fake from its options. */
export function createEnv(options: FakeTelegramOptions, closing: AbortSignal): FakeEnv {
  const world = new World();
  const env: FakeEnv = {
    world,
    bots: new BotRegistry(world.users, options.autoRegisterBots ?? true),
    log: new CallLog(),
    faults: new FaultInjector(),
    limits: new RateLimiter(),
    sent: [],
    webhookDeliveries: [],
    settings: {
      webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
      webhookRetryDelayMs: options.webhookRetryDelayMs ?? 100,
    },
    clock: options.clock ?? Date.now,
    closing,
    startWebhook: () => undefined,
  };
  if (options.rateLimits) env.limits.configure(options.rateLimits);
  for (const bot of options.bots ?? []) env.bots.add(bot);
  return env;
}
