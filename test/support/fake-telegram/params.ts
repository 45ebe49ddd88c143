import { z } from "zod";
import { badRequest } from "./api-error.js";

/*
 * Bot API parameters arrive as JSON values (JSON bodies) or as strings (urlencoded and
 * multipart bodies, where objects are JSON-encoded). These helpers accept both, the way the
 * real server does, and word failures like it: `parameter "x" is required`.
 */

function toNumber(value: unknown): unknown {
  return typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

function toBoolean(value: unknown): unknown {
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0" || value === "") return false;
  return value;
}

function fromJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** An integer parameter (number or numeric string). */
export const int = () => z.preprocess(toNumber, z.number().int());

/** A float parameter (latitude and the like). */
export const float = () => z.preprocess(toNumber, z.number());

/** A boolean parameter ("true"/"false" in form bodies). */
export const bool = () => z.preprocess(toBoolean, z.boolean());

/** A string parameter; numbers are accepted and stringified, as form bodies would. */
export const str = () => z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string());

/** A JSON-serialized object or array parameter. */
export const json = <T extends z.ZodType>(schema: T) => z.preprocess(fromJson, schema);

/** `chat_id` (or `from_chat_id`): an integer id or an "@username", worded like the Bot API. */
export const chatId = (name = "chat_id") =>
  z.union([int(), z.string().regex(/^@\w+$/)], {
    error: (issue) => {
      if (issue.input !== undefined) return "chat not found";
      return name === "chat_id" ? "chat_id is empty" : `parameter "${name}" is required`;
    },
  });

/** The loose shape of a MessageEntity as clients send it. */
export const entitySchema = z.looseObject({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
});

/** An optional `entities` / `caption_entities` parameter. */
export const entities = () => json(z.array(entitySchema)).optional();

/** `reply_parameters` (Bot API 7.0+). */
export const replyParameters = () =>
  json(
    z.looseObject({
      message_id: int(),
      chat_id: chatId().optional(),
      allow_sending_without_reply: bool().optional(),
    }),
  ).optional();

/**
 * Validates call parameters against a schema. The first problem becomes a 400 worded like
 * the Bot API; unknown parameters are ignored, as Telegram ignores them.
 */
export function parseParams<T extends z.ZodType>(
  schema: T,
  params: Record<string, unknown>,
): z.output<T> {
  const result = schema.safeParse(params, {
    error: (issue) => {
      const name = issue.path?.map(String).join(".") ?? "";
      if (issue.input === undefined) return `parameter "${name}" is required`;
      return `can't parse parameter "${name}"`;
    },
  });
  if (result.success) return result.data;
  throw badRequest(result.error.issues[0]?.message ?? "invalid parameters");
}
