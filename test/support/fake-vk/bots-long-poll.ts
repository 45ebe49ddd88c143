import { randomBytes } from "node:crypto";
import type { FaultPlan } from "./faults.js";
import { Sleeper } from "./sleeper.js";
import type { VkEvent } from "./types.js";

/** What GET /lp answers: updates, or a `failed` code telling the client what to refresh. */
export type LongPollAnswer =
  { ts: string; updates: VkEvent[] } | { failed: 1; ts: string } | { failed: 2 | 3 };

/** VK caps `wait` at 90 seconds. */
const MAX_WAIT_SECONDS = 90;

function newKey(): string {
  return randomBytes(20).toString("hex");
}

/**
 * The Bots Long Poll server: an append-only event queue numbered from 1. `ts` is the
 * number of the last event the client has seen; a request returns every later event,
 * or holds the request open until one arrives or `wait` runs out.
 */
export class BotsLongPoll {
  private readonly queue: VkEvent[] = [];
  private key = newKey();
  private readonly sleeper = new Sleeper();
  private closed = false;

  constructor(
    private readonly faults: FaultPlan,
    /** Upper bound on holding an empty poll, so idle tests do not wait vk-io's 25 s. */
    private readonly maxWaitMs: number,
  ) {}

  /** The `ts` groups.getLongPollServer hands out: new clients see only later events. */
  get ts(): string {
    return String(this.queue.length);
  }

  /** What groups.getLongPollServer returns. */
  serverInfo(origin: string): { server: string; key: string; ts: string } {
    return { server: `${origin}/lp`, key: this.key, ts: this.ts };
  }

  push(event: VkEvent): void {
    this.queue.push(event);
    this.sleeper.wakeAll();
  }

  /** Answers pending and future polls at once, so clients and the server can stop. */
  close(): void {
    this.closed = true;
    this.sleeper.wakeAll();
  }

  /** Handles one `act=a_check` request. */
  async poll(query: URLSearchParams): Promise<LongPollAnswer> {
    const refusal = this.refusal(query);
    if (refusal !== undefined) return refusal;
    const from = Number(query.get("ts"));
    if (this.queue.length === from && !this.closed) {
      await this.sleeper.sleep(this.waitMs(query));
    }
    return { ts: this.ts, updates: this.queue.slice(from) };
  }

  /** Injected failures first, then the checks VK makes on key and ts. */
  private refusal(query: URLSearchParams): LongPollAnswer | undefined {
    const injected = this.faults.takePollFailure();
    if (injected === 1) return { failed: 1, ts: this.ts };
    if (injected !== undefined) {
      this.key = newKey();
      return { failed: injected };
    }
    if (query.get("act") !== "a_check" || query.get("key") !== this.key) return { failed: 2 };
    const ts = query.get("ts") ?? "";
    if (!/^\d+$/.test(ts) || Number(ts) > this.queue.length) return { failed: 1, ts: this.ts };
    return undefined;
  }

  private waitMs(query: URLSearchParams): number {
    const seconds = Math.min(Number(query.get("wait") ?? "0") || 0, MAX_WAIT_SECONDS);
    return Math.min(seconds * 1000, this.maxWaitMs);
  }
}
