import { setTimeout as sleep } from "node:timers/promises";
import type { ApiCall, FakeTelegram } from "../../test/support/fake-telegram/index.js";
import { ManagedChild } from "./child-process.js";
import { ECHO_TOKEN, PARENTS_TOKEN, RELAY_TOKEN, type FakeWorld } from "./fake-world.js";

export interface SystemSettings {
  databaseUrl: string;
  redisUrl: string;
  httpPort: number;
  sendsPerSecond: number;
  dbPool: number;
  relayPerMinute: number;
  logFile: string;
  /** PROCESSES of the system: 1 is one process, more a supervisor with that many children. */
  processes: number;
  /** Run dist/app/main.js (what `npm start` runs) instead of the sources through tsx. */
  compiled: boolean;
  /** Folder the system runs in (no .env there, so only this environment counts). */
  cwd: string;
  /** NODE_OPTIONS (empty: none). */
  nodeOptions: string;
  /** The parents' bot token (default the main one). */
  token?: string;
  /** Directory for --cpu-prof output; no profiling when omitted. */
  profileDir?: string;
}

/** The environment the system runs with; nothing else is inherited but PATH and HOME. */
export function systemEnv(world: FakeWorld, settings: SystemSettings): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    DATABASE_URL: settings.databaseUrl,
    DATABASE_POOL_SIZE: String(settings.dbPool),
    REDIS_URL: settings.redisUrl,
    TELEGRAM_BOT_TOKEN: settings.token ?? PARENTS_TOKEN,
    TELEGRAM_API_ROOT: world.fake.apiRoot,
    TELEGRAM_SENDS_PER_SECOND: String(settings.sendsPerSecond),
    RELAY_BOT_TOKEN: RELAY_TOKEN,
    RELAY_CHAT_ID: String(world.staffChatId),
    RELAY_GROUP_MESSAGES_PER_MINUTE: String(settings.relayPerMinute),
    // Polling needs no public port; `httpPort` is where waitForHealth asks /healthz.
    HTTP_PORT: "0",
    METRICS_PORT: String(settings.httpPort),
    LOG_LEVEL: "warn",
    ROLE: "all",
    PROCESSES: String(settings.processes),
    ...(settings.nodeOptions ? { NODE_OPTIONS: settings.nodeOptions } : {}),
  };
}

/**
 * The system under test: `node --enable-source-maps dist/app/main.js start` (what `npm
 * start` runs), or with --tsx `node --import tsx app/main.ts start`.
 */
export function systemChild(world: FakeWorld, settings: SystemSettings): ManagedChild {
  return new ManagedChild({
    name: "system",
    script: settings.compiled ? "dist/app/main.js" : "app/main.ts",
    compiled: settings.compiled,
    args: ["start"],
    nodeFlags: [
      ...(settings.compiled ? ["--enable-source-maps"] : []),
      ...(settings.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${settings.profileDir}`] : []),
    ],
    env: systemEnv(world, settings),
    cwd: settings.cwd,
    logFile: settings.logFile,
  });
}

/** The bare grammY echo bot on its own token. */
export function echoChild(world: FakeWorld, logFile: string): ManagedChild {
  return new ManagedChild({
    name: "echo bot",
    script: "bench/load/echo-bot.ts",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      ECHO_BOT_TOKEN: ECHO_TOKEN,
      ECHO_API_ROOT: world.fake.apiRoot,
    },
    logFile,
  });
}

/** Polls GET /healthz until it answers 200 (PostgreSQL and Redis reachable). */
export async function waitForHealth(
  child: ManagedChild,
  port: number,
  timeoutMs = 60_000,
): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (!child.running)
      throw new Error(`${child.spec.name} exited (${child.exitInfo}); see ${child.spec.logFile}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(2000),
    }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(
    `${child.spec.name} not healthy after ${timeoutMs} ms; see ${child.spec.logFile}`,
  );
}

/**
 * Readiness end to end: a probe parent sends /start and the bot answers it. Healthz turns
 * green before the receivers start polling, so it alone would start the clock too early.
 */
export async function waitForAnswer(
  fake: FakeTelegram,
  child: ManagedChild,
  token: string,
  timeoutMs = 60_000,
): Promise<number> {
  const probe = fake.createUser({ first_name: "Проба", language_code: "ru" });
  const started = Date.now();
  let answeredAt = 0;
  const stop = fake.onCall((call: ApiCall) => {
    if (call.token === token && call.ok && Number(call.params.chat_id) === probe.id)
      answeredAt ||= Date.now();
  });
  try {
    probe.sendText(token, "/start");
    while (!answeredAt) {
      if (!child.running)
        throw new Error(`${child.spec.name} exited (${child.exitInfo}); see ${child.spec.logFile}`);
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `${child.spec.name} did not answer /start within ${timeoutMs} ms; see ${child.spec.logFile}`,
        );
      await sleep(50);
    }
    return answeredAt - started;
  } finally {
    stop();
  }
}
