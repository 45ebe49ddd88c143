import { z } from "zod";
import { badRequest } from "../api-error.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { bool, int, parseParams, str } from "../params.js";

const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

/** Records the answer; a query can be answered once, by the bot that received it. */
function answerCallbackQuery(ctx: MethodContext): true {
  const schema = z.object({
    callback_query_id: str().default(""),
    text: str().optional(),
    show_alert: bool().optional(),
    url: str().optional(),
    cache_time: int().optional(),
  });
  const params = parseParams(schema, ctx.params);
  const record = ctx.env.world.callbacks.get(params.callback_query_id);
  if (!record || record.botId !== ctx.bot.user.id || record.answer) throw badRequest(QUERY_INVALID);
  if (params.text !== undefined && [...params.text].length > 200)
    throw badRequest("MESSAGE_TOO_LONG");
  const { callback_query_id: _id, ...answer } = params;
  record.answer = { ...answer, answeredAt: ctx.env.clock() };
  return true;
}

/** Answers to inline-keyboard button presses. */
export const callbackMethods: Record<string, MethodHandler> = { answerCallbackQuery };
