import { availableParallelism } from "node:os";
import { z } from "zod";

/** Empty strings count as "not set": `.env` files and compose files write `VAR=` for off. */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const telegramChatId = z
  .string()
  .trim()
  .regex(/^-?\d+$/, "must be a numeric Telegram chat id such as -1001234567890")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** Unset or empty means the default; anything else must be a whole number above 0. */
const port = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d*$/, "must be a port number between 0 and 65535")
    .optional()
    .transform((v) => (v ? Number(v) : fallback))
    .refine((n) => n <= 65535, "must be a port number between 0 and 65535");

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^(\d*)$/, "must be a whole number above 0")
    .optional()
    .transform((v) => (v ? Number(v) : fallback))
    .refine((n) => n > 0, "must be a whole number above 0");

const wholeNumber = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^(\d*)$/, "must be a whole number (0 or more)")
    .optional()
    .transform((v) => (v ? Number(v) : fallback));

/** Unset or empty means "not set" (the global value applies); otherwise a whole number above 0. */
const optionalPositiveInt = optionalText.pipe(
  z
    .string()
    .regex(/^\d+$/, "must be a whole number above 0")
    .transform(Number)
    .refine((n) => n > 0, "must be a whole number above 0")
    .optional(),
);

const url = (protocols: string[], hint: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, hint);

/**
 * Flags of each child of the supervisor. V8 lets the young generation grow to two 32 MB
 * semi-spaces per process, RAM that a busy child fills and keeps; 8 MB semi-spaces cost
 * more, shorter scavenges (measured in bench:load: the same CPU per message within noise).
 */
export const defaultChildNodeOptions = "--max-semi-space-size=8";

/**
 * Every environment variable the service reads. The field names are the stable
 * interface listed in DESIGN.md; `.env.example` documents each one.
 */
export const envObject = z.object({
  DATABASE_URL: url(
    ["postgres:", "postgresql:"],
    "must be a PostgreSQL URL such as postgresql://user:password@host:5432/db",
  ),
  DATABASE_POOL_SIZE: positiveInt(10),
  REDIS_URL: url(
    ["redis:", "rediss:"],
    "must be a Redis URL such as redis://127.0.0.1:6379",
  ).default("redis://127.0.0.1:6379"),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: url(["http:", "https:"], "must be an http(s) URL without a trailing slash")
    .refine((v) => !v.endsWith("/"), "must not end with '/'")
    .default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: optionalText.pipe(
    url(
      ["https:", "http:"],
      "must be the public https URL Telegram should post updates to",
    ).optional(),
  ),
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
  ),
  TELEGRAM_SENDS_PER_SECOND: positiveInt(30),
  RELAY_BOT_TOKEN: optionalText,
  RELAY_CHAT_ID: telegramChatId,
  /** A line's own staff group (site, booking, other); unset: the line's tickets go to RELAY_CHAT_ID. */
  RELAY_CHAT_ID_SITE: telegramChatId,
  RELAY_CHAT_ID_BOOKING: telegramChatId,
  RELAY_CHAT_ID_OTHER: telegramChatId,
  SUPERVISOR_CHAT_ID: telegramChatId,
  RELAY_SHOW_AGENT_NAME: z
    .enum(["true", "false", ""])
    .default("false")
    .transform((v) => v === "true"),
  RELAY_GROUP_MESSAGES_PER_MINUTE: positiveInt(20),
  VK_TOKEN: optionalText,
  VK_GROUP_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be the numeric id of the VK community (without the minus sign)")
      .transform(Number)
      .optional(),
  ),
  VK_API_BASE_URL: url(["http:", "https:"], "must be an http(s) URL").default(
    "https://api.vk.ru/method",
  ),
  VK_CALLBACK_SECRET: optionalText,
  VK_CONFIRMATION_CODE: optionalText,
  SLA_FIRST_RESPONSE_MINUTES: positiveInt(1440),
  /** A line's own first-response time; unset: SLA_FIRST_RESPONSE_MINUTES. */
  SLA_FIRST_RESPONSE_MINUTES_SITE: optionalPositiveInt,
  SLA_FIRST_RESPONSE_MINUTES_BOOKING: optionalPositiveInt,
  SLA_FIRST_RESPONSE_MINUTES_OTHER: optionalPositiveInt,
  SLA_WARNING_POINTS: z
    .string()
    .trim()
    .default("50%,80%,15m")
    .pipe(
      z
        .string()
        .regex(
          /^(\s*\d+(%|m)\s*)(,\s*\d+(%|m)\s*)*$/,
          "must be a comma-separated list of shares and minutes before the deadline, e.g. 50%,80%,15m",
        ),
    ),
  SLA_CALENDAR: optionalText,
  ETIQUETTE_CONFIG_FILE: optionalText,
  REOPEN_WINDOW_HOURS: positiveInt(72),
  WAITING_PARENT_REMINDER_HOURS: positiveInt(48),
  AUTO_CLOSE_HOURS: positiveInt(120),
  DEFAULT_TIME_ZONE: z.string().trim().default("Europe/Moscow"),
  HTTP_PORT: port(3000),
  CONSOLE_PUBLIC_URL: optionalText.pipe(
    url(
      ["http:", "https:"],
      "must be the console's public base URL, e.g. https://support.example.org",
    )
      .refine((v) => !v.endsWith("/"), "must not end with '/'")
      .optional(),
  ),
  METRICS_PORT: port(9464),
  METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ROLE: z.enum(["all", "receiver", "worker"]).default("all"),
  INBOX_LEASE_SECONDS: positiveInt(30),
  INBOX_CONCURRENCY: positiveInt(64),
  POLLER_LEASE_SECONDS: positiveInt(6),
  POLL_GATHER_MS: wholeNumber(25),
  // One process per core by default: a single Node process uses one core however busy it is.
  PROCESSES: positiveInt(availableParallelism()),
  CHILD_NODE_OPTIONS: z
    .string()
    .trim()
    .optional()
    // Unset or empty: the default; "none": Node's own defaults.
    .transform((v) => (v ? v : defaultChildNodeOptions))
    .refine(
      (v) =>
        v === "none" || v.split(/\s+/).every((flag) => /^--[a-z][a-z0-9-]*(=\S+)?$/.test(flag)),
      "must be Node or V8 flags separated by spaces, e.g. --max-semi-space-size=8, or none for Node's defaults",
    )
    .transform((v) => (v === "none" ? [] : v.split(/\s+/))),
  MIGRATE_ON_START: z
    .enum(["true", "false", ""])
    .default("true")
    .transform((v) => v !== "false"),
});

/**
 * Rules that tie variables together, checked on the raw environment so they are reported
 * together with every other problem in one run.
 */
export function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  const problems: string[] = [];
  if (set("RELAY_BOT_TOKEN") && !set("RELAY_CHAT_ID"))
    problems.push(
      "RELAY_CHAT_ID is missing: it is required when RELAY_BOT_TOKEN is set; use the id of the staff forum supergroup, e.g. -1001234567890",
    );
  if (set("RELAY_CHAT_ID") && !set("RELAY_BOT_TOKEN"))
    problems.push(
      "RELAY_BOT_TOKEN is missing: it is required when RELAY_CHAT_ID is set; use the staff relay bot's token from @BotFather",
    );
  for (const line of ["SITE", "BOOKING", "OTHER"])
    if (set(`RELAY_CHAT_ID_${line}`) && !set("RELAY_CHAT_ID"))
      problems.push(
        `RELAY_CHAT_ID is missing: RELAY_CHAT_ID_${line} is set, and lines without a group of their own fall back to RELAY_CHAT_ID; set it to the main staff forum supergroup id`,
      );
  if (set("VK_TOKEN") && !set("VK_GROUP_ID"))
    problems.push(
      "VK_GROUP_ID is missing: it is required when VK_TOKEN is set; use the numeric id of the VK community",
    );
  if (set("TELEGRAM_WEBHOOK_URL") && !set("TELEGRAM_WEBHOOK_SECRET"))
    problems.push(
      "TELEGRAM_WEBHOOK_SECRET is missing: webhook mode needs it so forged updates are refused",
    );
  if (set("VK_CALLBACK_SECRET") && !set("VK_CONFIRMATION_CODE"))
    problems.push(
      "VK_CONFIRMATION_CODE is missing: the VK Callback API needs it; copy it from the community's API settings",
    );
  const zone = env.DEFAULT_TIME_ZONE?.trim();
  if (zone && isInvalidTimeZone(zone))
    problems.push(
      `DEFAULT_TIME_ZONE is invalid: must be an IANA time zone such as Europe/Moscow (got "${zone}")`,
    );
  return problems;
}

/** The full environment. */
export const envSchema = envObject;

export type Env = z.infer<typeof envSchema>;

function isInvalidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("ru", { timeZone: zone });
    return false;
  } catch {
    return true;
  }
}
