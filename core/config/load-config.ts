import type { z } from "zod";
import { crossFieldProblems, envObject, envSchema, type Env } from "./config-schema.js";
import { parseWarningPoints, type WarningPoint } from "./warning-points.js";

/** The ticket lines (the seed guide's separate channels): categories with their own group and SLA. */
export const lines = ["site", "booking", "other"] as const;
export type Line = (typeof lines)[number];

/** The staff group of a line: its own (RELAY_CHAT_ID_<LINE>) or the main one. */
export function lineChatId(
  relay: Pick<NonNullable<Config["relay"]>, "chatId" | "lines">,
  line: Line,
): string {
  return relay.lines?.[line] ?? relay.chatId;
}

/** The line's value among `RELAY_CHAT_ID_<LINE>`-style variables, only those set. */
function perLine<T>(env: Env, prefix: string): Partial<Record<Line, T>> {
  const out: Partial<Record<Line, T>> = {};
  for (const line of lines) {
    const value = (env as Record<string, unknown>)[`${prefix}_${line.toUpperCase()}`];
    if (value !== undefined) out[line] = value as T;
  }
  return out;
}

/** The validated configuration of one process, grouped by the part that uses it. */
export interface Config {
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  telegram?: {
    token: string;
    apiRoot: string;
    webhook?: { url: string; secret: string };
    /** Global cap of the bot's sends (Telegram's guidance is ~30/s; higher with paid broadcasts). */
    sendsPerSecond: number;
  };
  relay?: {
    token: string;
    apiRoot: string;
    chatId: string;
    supervisorChatId?: string;
    showAgentName: boolean;
    groupMessagesPerMinute: number;
    /** Lines with a staff group of their own (RELAY_CHAT_ID_<LINE>); the rest use `chatId`. */
    lines?: Partial<Record<Line, string>>;
  };
  vk?: {
    token: string;
    groupId: number;
    apiBaseUrl: string;
    callback?: { secret: string; confirmation: string };
  };
  sla: {
    firstResponseMinutes: number;
    warningPoints: WarningPoint[];
    calendarFile?: string;
    /** Lines with a first-response time of their own (SLA_FIRST_RESPONSE_MINUTES_<LINE>). */
    lineMinutes?: Partial<Record<Line, number>>;
  };
  /** The operator's etiquette additions (internal hosts, words), a YAML/JSON file. */
  etiquetteConfigFile?: string;
  tickets: {
    reopenWindowHours: number;
    waitingParentReminderHours: number;
    autoCloseHours: number;
  };
  defaultTimeZone: string;
  httpPort: number;
  /** Base of the web console's links (CONSOLE_PUBLIC_URL, default http://localhost:<HTTP_PORT>). */
  consolePublicUrl: string;
  /** `/healthz` and `/metrics`: a port of their own, on the loopback by default. */
  metrics: { port: number; host: string };
  logLevel: Env["LOG_LEVEL"];
  role: Env["ROLE"];
  /**
   * The durable inbox: how long a claimed update stays one process's (a crashed process's
   * updates are taken over after it), updates handled at once per process, and the lease
   * of the one long-poller per bot (a dead poller is replaced within about that time).
   */
  inbox: { leaseMs: number; maxInFlight: number; pollerLeaseMs: number; pollGatherMs: number };
  /**
   * Processes `start` runs (PROCESSES, default one per core): 1 is a single process; more
   * make the first one a supervisor of that many children (app/process-layout.ts).
   */
  processes: number;
  /**
   * Node/V8 flags the supervisor starts each child with (CHILD_NODE_OPTIONS, after the
   * supervisor's own: they win over NODE_OPTIONS); none for Node's defaults.
   */
  childNodeOptions: string[];
  /** Apply migrations at start; off where a one-shot `migrate` step runs first (compose). */
  migrateOnStart: boolean;
}

/** Thrown when the environment cannot run the service; one line per problem. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const missingHints: Partial<Record<keyof Env, string>> = {
  DATABASE_URL: "set it to the PostgreSQL URL, e.g. postgresql://postgres@127.0.0.1:5432/navigator",
};

/**
 * Parses the environment. `requireChannel` is for `npm start`: a process with no
 * channel to serve has nothing to do, and saying so beats idling silently.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: { requireChannel?: boolean } = {},
): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : describeIssues(parsed.error.issues, env);
  problems.push(...crossFieldProblems(env));
  if (options.requireChannel && !hasAnyChannel(env)) problems.push(noChannelMessage);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

const noChannelMessage =
  "No channel is configured: set TELEGRAM_BOT_TOKEN (parents' Telegram bot) and/or VK_TOKEN with VK_GROUP_ID (VK community), see .env.example. " +
  "A Telegram token comes from @BotFather (send it /newbot); to try the bots first without any token, run `npm run demo`";

function hasAnyChannel(env: Record<string, string | undefined>): boolean {
  return Boolean(env.TELEGRAM_BOT_TOKEN?.trim() || env.VK_TOKEN?.trim());
}

/** Only what `npm run db:migrate` needs: the database URL. */
export function loadDatabaseUrl(env: Record<string, string | undefined>): string {
  const parsed = envObject.pick({ DATABASE_URL: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, env));
  return parsed.data.DATABASE_URL;
}

function describeIssues(
  issues: z.core.$ZodIssue[],
  env: Record<string, string | undefined>,
): string[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment") as keyof Env;
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") {
      const hint = missingHints[name] ?? issue.message;
      return `${name} is missing: ${hint} (see .env.example)`;
    }
    const got = shownValue(name, raw);
    return `${name} is invalid: ${issue.message}${got ? ` (got "${got}")` : ""}`;
  });
}

/** Names of variables whose values are secrets as a whole: never echoed. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|CONFIRMATION|KEY/;

/**
 * What an error message may echo of a wrong value: nothing of a secret, and a URL without
 * its user and password (a malformed DATABASE_URL still has its password in it).
 */
function shownValue(name: string, raw: string): string {
  if (SECRET_NAME.test(name)) return "";
  const value = raw.includes("@") ? raw.replace(/^([^@]*?:\/\/)?[^@]*@/, "$1***@") : raw;
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

function toConfig(env: Env): Config {
  return {
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    telegram: env.TELEGRAM_BOT_TOKEN
      ? {
          token: env.TELEGRAM_BOT_TOKEN,
          apiRoot: env.TELEGRAM_API_ROOT,
          webhook:
            env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET
              ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET }
              : undefined,
          sendsPerSecond: env.TELEGRAM_SENDS_PER_SECOND,
        }
      : undefined,
    relay:
      env.RELAY_BOT_TOKEN && env.RELAY_CHAT_ID
        ? {
            token: env.RELAY_BOT_TOKEN,
            apiRoot: env.TELEGRAM_API_ROOT,
            chatId: env.RELAY_CHAT_ID,
            supervisorChatId: env.SUPERVISOR_CHAT_ID,
            showAgentName: env.RELAY_SHOW_AGENT_NAME,
            groupMessagesPerMinute: env.RELAY_GROUP_MESSAGES_PER_MINUTE,
            lines: perLine<string>(env, "RELAY_CHAT_ID"),
          }
        : undefined,
    vk:
      env.VK_TOKEN && env.VK_GROUP_ID
        ? {
            token: env.VK_TOKEN,
            groupId: env.VK_GROUP_ID,
            apiBaseUrl: env.VK_API_BASE_URL,
            callback:
              env.VK_CALLBACK_SECRET && env.VK_CONFIRMATION_CODE
                ? { secret: env.VK_CALLBACK_SECRET, confirmation: env.VK_CONFIRMATION_CODE }
                : undefined,
          }
        : undefined,
    sla: {
      firstResponseMinutes: env.SLA_FIRST_RESPONSE_MINUTES,
      warningPoints: parseWarningPoints(env.SLA_WARNING_POINTS),
      calendarFile: env.SLA_CALENDAR,
      lineMinutes: perLine<number>(env, "SLA_FIRST_RESPONSE_MINUTES"),
    },
    tickets: {
      reopenWindowHours: env.REOPEN_WINDOW_HOURS,
      waitingParentReminderHours: env.WAITING_PARENT_REMINDER_HOURS,
      autoCloseHours: env.AUTO_CLOSE_HOURS,
    },
    etiquetteConfigFile: env.ETIQUETTE_CONFIG_FILE,
    defaultTimeZone: env.DEFAULT_TIME_ZONE,
    httpPort: env.HTTP_PORT,
    consolePublicUrl: env.CONSOLE_PUBLIC_URL ?? `http://localhost:${env.HTTP_PORT}`,
    metrics: { port: env.METRICS_PORT, host: env.METRICS_HOST },
    logLevel: env.LOG_LEVEL,
    role: env.ROLE,
    inbox: {
      leaseMs: env.INBOX_LEASE_SECONDS * 1000,
      maxInFlight: env.INBOX_CONCURRENCY,
      pollerLeaseMs: env.POLLER_LEASE_SECONDS * 1000,
      pollGatherMs: env.POLL_GATHER_MS,
    },
    processes: env.PROCESSES,
    childNodeOptions: env.CHILD_NODE_OPTIONS,
    migrateOnStart: env.MIGRATE_ON_START,
  };
}
