import { setTimeout as sleep } from "node:timers/promises";
import type { FakeTelegram, Injected } from "../../test/support/fake-telegram/index.js";
import type { ManagedChild } from "../load/child-process.js";
import { PARENTS_TOKEN } from "../load/fake-world.js";
import type { ReplyTracker, TrackedMessage } from "../load/reply-tracker.js";
import { waitForHealth } from "../load/system-process.js";
import { waitForNoTests } from "../load/test-runs.js";
import { restartPostgres, restartRedis } from "./services.js";

export interface DrillContext {
  fake: FakeTelegram;
  system: ManagedChild;
  httpPort: number;
  tracker: ReplyTracker;
  progress: (line: string) => void;
  /** Installs (or removes) a hook the load generator calls after each message it queues. */
  setOnPushed(hook: ((injected: Injected, message: TrackedMessage) => void) | undefined): void;
}

/** When the fault began and ended (ms), and what the drill wants to say about it. */
export interface FaultWindow {
  faultStart: number;
  faultEnd: number;
  details: Record<string, unknown>;
}

export interface Drill {
  what: string;
  run(ctx: DrillContext): Promise<FaultWindow>;
}

/** Quiet time before each fault: the baseline latency is measured here. */
export const BASELINE_MS = 5000;
/** Watch at least this long after the fault ends (everything sent before it is answered or lost by then). */
export const OBSERVE_MIN_MS = 20_000;
export const OBSERVE_MAX_MS = 30_000;

/** How long a fault lasts for the two timed drills. */
const FAULT_MS = 20_000;
/** Sends as Telegram's flood control sees them (getUpdates is never answered 429). */
const SEND_METHODS = ["sendMessage", "setMessageReaction", "sendPhoto", "sendDocument"];
/** Tests may wait this long for the shared services to be free before a restart. */
const TEST_WAIT_MS = 10 * 60_000;

export const drills: Record<string, Drill> = {
  kill: {
    what: "kill -9 of the system process, restarted at once",
    async run(ctx) {
      const faultStart = Date.now();
      await ctx.system.killHard();
      ctx.system.start();
      const faultEnd = Date.now();
      await waitForHealth(ctx.system, ctx.httpPort);
      return { faultStart, faultEnd, details: { restart_to_healthy_ms: Date.now() - faultEnd } };
    },
  },

  redis: {
    what: "Redis restart: shutdown nosave, 3 s down, started empty (it keeps nothing on disk)",
    async run(ctx) {
      await waitForNoTests(ctx.progress, TEST_WAIT_MS);
      const faultStart = Date.now();
      await restartRedis(3000);
      return { faultStart, faultEnd: Date.now(), details: {} };
    },
  },

  postgres: {
    what: "PostgreSQL restart (pg_ctlcluster restart: fast shutdown cuts every connection)",
    async run(ctx) {
      await waitForNoTests(ctx.progress, TEST_WAIT_MS);
      const faultStart = Date.now();
      await restartPostgres();
      return { faultStart, faultEnd: Date.now(), details: {} };
    },
  },

  faults: {
    what:
      "Bot API faults for 20 s on the parents' bot: 30% of sends answered 429 (retry_after 1), " +
      "5% of all calls (getUpdates included) answered 502; neither executes the call",
    async run(ctx) {
      const before = ctx.fake.faults.injected.length;
      const faultStart = Date.now();
      ctx.fake.faults.failRandomly({
        method: SEND_METHODS,
        token: PARENTS_TOKEN,
        errorCode: 429,
        retryAfter: 1,
        rate: 0.3,
        seed: 429,
      });
      ctx.fake.faults.failRandomly({
        method: "*",
        token: PARENTS_TOKEN,
        errorCode: 502,
        rate: 0.05,
        seed: 502,
      });
      await sleep(FAULT_MS);
      ctx.fake.faults.clear();
      const faultEnd = Date.now();
      const injected: Record<string, number> = {};
      for (const fault of ctx.fake.faults.injected.slice(before)) {
        const key = `${fault.errorCode} ${fault.method}`;
        injected[key] = (injected[key] ?? 0) + 1;
      }
      return { faultStart, faultEnd, details: { injected } };
    },
  },

  duplicates: {
    what:
      "every update delivered twice for 20 s: a second update (new update_id, the same message " +
      "object: chat, message_id, date, text) pushed 0-1 s after the first",
    async run(ctx) {
      let pushed = 0;
      ctx.setOnPushed((injected, message) => {
        setTimeout(
          () => {
            const second = ctx.fake.injectUpdate(PARENTS_TOKEN, {
              message: injected.message,
            } as never);
            ctx.tracker.alsoCarriedBy(message, second);
            pushed += 1;
          },
          Math.floor(Math.random() * 1000),
        );
      });
      const faultStart = Date.now();
      await sleep(FAULT_MS);
      ctx.setOnPushed(undefined);
      // The last duplicates are still on their timers: let them go out too.
      await sleep(1100);
      const faultEnd = Date.now();
      return { faultStart, faultEnd, details: { duplicate_updates_pushed: pushed } };
    },
  },
};
