import { timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { z } from "zod";
import type { Logger } from "../../core/observability/index.js";

/** Where VK posts Callback API events (set the same path in the community's API settings). */
export const VK_CALLBACK_PATH = "/vk/callback";

/**
 * A Callback API event is a few kilobytes (attachments are links, not files). The secret
 * is inside the body, so unlike Telegram's webhook the body must be read to check it: the
 * limit bounds what a stranger can make the server read.
 */
export const VK_CALLBACK_BODY_LIMIT = 256 * 1024;

const callbackBodySchema = z.looseObject({
  type: z.string().min(1),
  group_id: z.number().int(),
  event_id: z.string().optional(),
  secret: z.string().optional(),
  object: z.record(z.string(), z.unknown()).optional(),
});

export interface CallbackEndpointOptions {
  groupId: number;
  secret: string;
  confirmation: string;
  logger: Logger;
  /** Stores the update in the inbox; the handlers run from there, in any process. */
  store(update: Record<string, unknown>): Promise<void>;
}

/**
 * The Callback API endpoint, written by hand because vk-io's answers "ok" before the
 * update is stored (a crash then loses it: VK never sends it again). Here the secret
 * key is checked, the confirmation request answered, and "ok" is sent only after the
 * update is stored in the inbox; when storing fails VK gets a 500 and sends the event
 * again, and the inbox's dedupe on event_id makes that redelivery harmless.
 */
export function createCallbackEndpoint(options: CallbackEndpointOptions) {
  const expected = Buffer.from(options.secret);
  const secretMatches = (secret: string | undefined) => {
    const given = Buffer.from(secret ?? "");
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const { status, text } = await answer(req, body);
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
  };

  async function answer(req: http.IncomingMessage, body: Buffer) {
    const parsed = callbackBodySchema.safeParse(parseJson(body));
    if (!parsed.success) return { status: 400, text: "bad request" };
    const update = parsed.data;
    if (!secretMatches(update.secret)) {
      options.logger.warn({ type: update.type }, "VK callback with a wrong secret refused");
      return { status: 403, text: "forbidden" };
    }
    if (update.group_id !== options.groupId) {
      options.logger.warn(
        { groupId: update.group_id },
        "VK callback for another community refused",
      );
      return { status: 403, text: "forbidden" };
    }
    if (update.type === "confirmation") return { status: 200, text: options.confirmation };
    try {
      await options.store(update);
    } catch (error) {
      options.logger.warn(
        { eventId: update.event_id, retry: req.headers["x-retry-counter"], err: error },
        "VK event not stored; VK will send it again",
      );
      return { status: 500, text: "retry" };
    }
    return { status: 200, text: "ok" };
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
