import { AsyncLocalStorage } from "node:async_hooks";
import type { VK } from "vk-io";
import type { Logger, Metrics } from "../../core/observability/index.js";

/** What vk-io drops from an update and the handlers need: the delivery's event_id. */
interface Delivery {
  eventId?: string;
  /** Set by the error boundary when a handler failed. */
  failure?: unknown;
}

export type UpdateOutcome = "handled" | "failed" | "unreadable";

/**
 * Every raw VK update (Bots Long Poll and Callback API alike) goes through `run`: it
 * keeps the update's event_id where the handlers can read it (vk-io builds contexts from
 * `object` only), handles one peer's updates one after another, and reports whether the
 * handlers succeeded, so the Callback endpoint answers "ok" only after the update is
 * stored. vk-io's own error catcher would only print to the console, so an error
 * boundary is installed as the first middleware.
 */
export function createUpdateRunner(vk: VK, deps: { logger: Logger; metrics: Metrics }) {
  const deliveries = new AsyncLocalStorage<Delivery>();
  const handle = vk.updates.handleWebhookUpdate.bind(vk.updates);
  const inFlight = new Set<Promise<UpdateOutcome>>();
  const tails = new Map<string, Promise<unknown>>();

  vk.updates.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const delivery = deliveries.getStore();
      if (delivery) delivery.failure = error;
      deps.metrics.handlerErrors.inc({ component: "vk" });
      deps.logger.error(
        { eventId: delivery?.eventId, type: ctx.type, subTypes: ctx.subTypes, err: error },
        "VK community bot failed on an update",
      );
    }
  });

  async function handleOne(update: Record<string, unknown>): Promise<UpdateOutcome> {
    const delivery: Delivery = {
      eventId: typeof update.event_id === "string" ? update.event_id : undefined,
    };
    try {
      await deliveries.run(delivery, () => handle(update));
    } catch (error) {
      // vk-io could not even build a context (e.g. a payload that is not JSON): a retry
      // would fail the same way.
      deps.logger.warn({ eventId: delivery.eventId, err: error }, "unreadable VK update skipped");
      return "unreadable";
    }
    return delivery.failure === undefined ? "handled" : "failed";
  }

  /** Runs after the previous update of the same peer, so a parent's messages keep their order. */
  function inSequence(key: string, task: () => Promise<UpdateOutcome>): Promise<UpdateOutcome> {
    const result = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  }

  function run(update: Record<string, unknown>): Promise<UpdateOutcome> {
    const running = inSequence(peerOf(update), () => handleOne(update));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
    return running;
  }

  return {
    run,
    /** The delivery's event_id, inside a handler. */
    eventId(): string | undefined {
      return deliveries.getStore()?.eventId;
    },
    /**
     * Routes Bots Long Poll through `run`. Must be called before startPolling(), which
     * binds handleWebhookUpdate when it starts; vk-io's polling does not await it.
     */
    attachToPolling(): void {
      vk.updates.handleWebhookUpdate = async (update: Record<string, unknown>) => {
        await run(update);
      };
    },
    /** Waits for the updates being handled (graceful stop). */
    async drain(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type UpdateRunner = ReturnType<typeof createUpdateRunner>;

/** The conversation an update belongs to, for ordering. */
function peerOf(update: Record<string, unknown>): string {
  const object = (update.object ?? {}) as Record<string, unknown>;
  const message = (object.message ?? object) as Record<string, unknown>;
  const peer = message.peer_id ?? object.peer_id ?? object.user_id;
  return typeof peer === "number" ? String(peer) : "other";
}
