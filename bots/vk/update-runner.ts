import { AsyncLocalStorage } from "node:async_hooks";
import type { VK } from "vk-io";
import type { Logger, Metrics } from "../../core/observability/index.js";

/** What vk-io drops from an update and the handlers need: the delivery's event_id. */
interface Delivery {
  eventId?: string;
  /** Set by the error boundary when a handler failed. */
  failure?: unknown;
}

/**
 * Runs one raw VK update (from the inbox, whichever way it came) through vk-io's
 * handlers: keeps the update's event_id where the handlers can read it (vk-io builds
 * contexts from `object` only) and rethrows a handler's failure, so the inbox retries a
 * passing one. vk-io's own error catcher would only print to the console, so an error
 * boundary is installed as the first middleware.
 */
export function createUpdateRunner(vk: VK, deps: { logger: Logger; metrics: Metrics }) {
  const deliveries = new AsyncLocalStorage<Delivery>();
  const handle = vk.updates.handleWebhookUpdate.bind(vk.updates);

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

  return {
    /** Handles one update; rejects with the handler's failure. */
    async run(update: Record<string, unknown>): Promise<void> {
      const delivery: Delivery = {
        eventId: typeof update.event_id === "string" ? update.event_id : undefined,
      };
      try {
        await deliveries.run(delivery, () => handle(update));
      } catch (error) {
        // vk-io could not even build a context (e.g. a payload that is not JSON): a retry
        // would fail the same way.
        deps.logger.warn({ eventId: delivery.eventId, err: error }, "unreadable VK update skipped");
        return;
      }
      if (delivery.failure !== undefined)
        throw delivery.failure instanceof Error
          ? delivery.failure
          : new Error("VK handler failed", { cause: delivery.failure });
    },
    /** The delivery's event_id, inside a handler. */
    eventId(): string | undefined {
      return deliveries.getStore()?.eventId;
    },
  };
}

export type UpdateRunner = ReturnType<typeof createUpdateRunner>;
