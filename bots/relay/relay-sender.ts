import type { ChannelSender, OutboxItem, RelayOutbound } from "../../core/outbound/index.js";
import type { RateGate } from "../../core/queue/index.js";
import type { RelayView } from "../../core/staff/index.js";
import { Budget } from "./budget.js";
import { opCost, runOp } from "./relay-ops.js";
import type { RelayGroups } from "./relay-groups.js";
import { toDeliveryError } from "./telegram-failure.js";

export interface GroupRateLimit {
  /** Messages per window into the staff group (RELAY_GROUP_MESSAGES_PER_MINUTE). */
  max: number;
  /** The group's window as Telegram counts it (60 s; tests use a few seconds). */
  windowMs: number;
}

/** Estimate used when counting fails: a topic, a card and a file or two. */
const FALLBACK_COST = 4;

/**
 * The gap between reserving a slot and Telegram counting the message (rendering, the HTTP
 * round trip, a second call of the same row, a pause of a loaded event loop) differs from
 * row to row; the window is widened by it so that messages never bunch up beyond the limit
 * on Telegram's side. At least 500 ms: a scaled-down test window bunched up once with 250.
 */
export function safetyMarginMs(windowMs: number): number {
  return Math.min(3_000, Math.max(500, Math.round(windowMs * 0.1)));
}

/**
 * Delivers the relay's outbox rows into the staff group. Every row first counts what it
 * will post (topic creation included) so core's deliverer reserves that much of the
 * group's per-minute budget; posts beyond it reserve more or postpone the row.
 *
 * Idempotent in the outbox's sense: each step records its progress (topic, card, shown
 * messages), so a row repeated after a crash or an unknown outcome resumes rather than
 * posting everything again; a lost ticket topic is worse than a rare double line.
 */
export function createRelaySender(
  groups: RelayGroups,
  gate: RateGate,
  limit: GroupRateLimit,
): ChannelSender {
  // One budget for all the groups: conservative (each group may take 20 a minute), and the
  // relay's rows are delivered one after another anyway.
  const rt = groups.main;
  const rateLimit = {
    key: `relay-group-${rt.chatId}`,
    max: limit.max,
    windowMs: limit.windowMs + safetyMarginMs(limit.windowMs),
  };
  const reserved = new Map<number, { units: number; view?: RelayView }>();
  rt.groupRoom = () => gate.room(rateLimit.key, rateLimit);
  return {
    idempotent: true,
    // Tickets take turns in the group: one parent's flood does not hold the others back.
    lanes: true,
    rateLimit: {
      ...rateLimit,
      async cost(item: OutboxItem) {
        const payload = item.payload as RelayOutbound;
        const counted = await opCost(await groups.runtimeFor(payload), payload).catch(
          (error: unknown) => {
            rt.logger.warn({ outboxId: item.id, err: error }, "relay cost estimate failed");
            return { units: FALLBACK_COST, view: undefined };
          },
        );
        if (reserved.size > 1000) reserved.clear();
        reserved.set(item.id, counted);
        return counted.units;
      },
    },
    async send(item: OutboxItem) {
      // The send follows its cost estimate at once (core's deliverer): it posts from the
      // view the estimate read, as the estimate counted it.
      const counted = reserved.get(item.id);
      const budget = new Budget(counted?.units ?? 0, (units) =>
        gate.reserve(rateLimit.key, units, rateLimit),
      );
      reserved.delete(item.id);
      try {
        const payload = item.payload as RelayOutbound;
        await runOp(await groups.runtimeFor(payload), budget, payload, counted?.view);
        return {};
      } catch (error) {
        const failure = toDeliveryError(error);
        rt.logger.warn(
          {
            outboxId: item.id,
            op: (item.payload as RelayOutbound).op,
            code: failure.code,
            err: error,
          },
          "relay delivery failed",
        );
        throw failure;
      }
    },
  };
}
