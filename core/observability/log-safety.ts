import { staffView } from "../privacy/index.js";

/**
 * What keeps secrets and parents' words out of the logs: tokens scrubbed from every
 * string, raw payloads and updates dropped, errors reduced to what an on-call engineer
 * needs (type, method, code, description, ids, where it was thrown).
 */

/**
 * A Telegram bot token: the bot's id, a colon and the secret part (35 characters on
 * Telegram; shorter ones, as in tests and local Bot API servers, are caught too).
 */
const TELEGRAM_TOKEN = /(?<![\w:])\d{4,}:[A-Za-z0-9_-]{8,}/g;
/**
 * The token inside a Bot API URL, whatever its secret part looks like: /bot<id>:<secret>/method,
 * /file/bot<id>:<secret>/. The colon is required: every bot token has one, and without it
 * source paths in stack traces (/bots/telegram/…) were mangled into "/bot[redacted]/".
 */
const BOT_API_PATH = /\/bot[^/\s"'?#:]{1,40}:[^/\s"'?#]{1,200}\//g;
/** VK access tokens: the current "vk1.a." form and the legacy 85 hex characters. */
const VK_TOKEN = /vk1\.a\.[A-Za-z0-9_-]{20,}|\b[a-f0-9]{85}\b/g;
/** Secrets in query strings and forms: access_token=…, secret=…, password=…. */
const SECRET_PARAM = /\b(access_token|token|secret|password|pass|key)=[^&\s"']{1,500}/gi;
/** The user-info part of a URL: scheme://user:password@host. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s/@"']{1,300}@/gi;

const REDACTED = "[redacted]";

/** Keys whose values are parents' words or raw traffic: never logged. */
const DROPPED_KEYS = new Set([
  "payload",
  "update",
  "body",
  "raw",
  "params",
  "on",
  "request",
  "response",
  "headers",
  "rawBody",
  "options",
]);
/** Keys whose values are message text: masked at debug level, hidden otherwise. */
const TEXT_KEYS = new Set(["text", "caption", "question", "answer", "message_text"]);

export interface LogSafety {
  /** Tokens and credentials out of a string. */
  scrub(value: string): string;
  /** The log record's own fields, made safe (errors serialized, raw data dropped). */
  sanitize(record: Record<string, unknown>): Record<string, unknown>;
  /** An error as the log may show it. */
  serializeError(error: unknown): Record<string, unknown>;
}

/**
 * `secrets` are the configured tokens and passwords, replaced wherever they appear even
 * when they do not look like one. `showText` (LOG_LEVEL=debug) lets message texts
 * through, masked.
 */
export function createLogSafety(
  options: { secrets?: readonly (string | undefined)[]; showText?: boolean } = {},
): LogSafety {
  const secrets = [...new Set(options.secrets ?? [])]
    .filter((s): s is string => typeof s === "string" && s.length >= 6)
    .sort((a, b) => b.length - a.length);

  function scrub(value: string): string {
    let out = value;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out
      .replace(BOT_API_PATH, `/bot${REDACTED}/`)
      .replace(TELEGRAM_TOKEN, REDACTED)
      .replace(VK_TOKEN, REDACTED)
      .replace(SECRET_PARAM, (_m, name: string) => `${name}=${REDACTED}`)
      .replace(URL_CREDENTIALS, (_m, scheme: string) => `${scheme}${REDACTED}@`);
  }

  function value(key: string, v: unknown, depth: number): unknown {
    if (DROPPED_KEYS.has(key)) return v === undefined ? undefined : "[dropped]";
    if (TEXT_KEYS.has(key) && typeof v === "string")
      return options.showText ? scrub(staffView(v)) : `[text, ${v.length} chars]`;
    if (key === "err" || key === "error" || v instanceof Error) return serializeError(v, depth);
    if (typeof v === "string") return scrub(v);
    if (typeof v !== "object" || v === null) return v;
    if (depth >= 4) return "[nested]";
    if (Array.isArray(v)) return v.slice(0, 50).map((item) => value("", item, depth + 1));
    return walk(v as Record<string, unknown>, depth + 1);
  }

  function walk(record: Record<string, unknown>, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) out[key] = value(key, v, depth);
    return out;
  }

  /** The first line of a message: Prisma and zod put the input they refused on later lines. */
  const firstLine = (text: string) => scrub(staffView(text.split("\n", 1)[0] ?? "")).slice(0, 500);

  function serializeError(error: unknown, depth = 0): Record<string, unknown> {
    if (!(error instanceof Error)) {
      return { type: typeof error, message: firstLine(String(error)) };
    }
    const e = error as Error & Record<string, unknown>;
    const response = (e.response ?? {}) as Record<string, unknown>;
    const on = (e.on ?? {}) as Record<string, unknown>;
    const payload = (e.payload ?? on.payload ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {
      type: e.name === "Error" ? e.constructor.name : e.name,
      message: firstLine(e.message),
    };
    const method = e.method ?? on.method;
    if (typeof method === "string") out.method = method;
    const code = e.code ?? e.error_code ?? response.error_code;
    if (typeof code === "string" || typeof code === "number") out.code = code;
    const description = e.description ?? response.description;
    if (typeof description === "string") out.description = firstLine(description);
    const parameters = e.parameters ?? response.parameters;
    if (parameters && typeof parameters === "object") out.parameters = parameters;
    // Ids say which chat and message without saying what was in it.
    for (const id of ["chat_id", "message_id", "message_thread_id", "peer_id", "user_id"]) {
      const v = payload[id];
      if (typeof v === "number" || (typeof v === "string" && /^-?\d{1,20}$/.test(v))) out[id] = v;
    }
    for (const [key, v] of Object.entries(e)) {
      if (key in out || DROPPED_KEYS.has(key) || TEXT_KEYS.has(key)) continue;
      if (typeof v === "number" || typeof v === "boolean") out[key] = v;
      else if (typeof v === "string" && key !== "stack") out[key] = firstLine(v);
    }
    if (typeof e.stack === "string") {
      const frames = e.stack.split("\n").filter((line) => /^\s+at /.test(line));
      out.stack = [String(out.type), ...frames.slice(0, 15)].map(scrub).join("\n");
    }
    const cause = e.cause ?? (e.error instanceof Error ? e.error : undefined);
    if (cause !== undefined && depth < 3) out.cause = serializeError(cause, depth + 1);
    return out;
  }

  return {
    scrub,
    sanitize: (record) => walk(record, 0),
    serializeError: (error) => serializeError(error),
  };
}
