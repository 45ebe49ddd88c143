import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The machine's shared Redis and PostgreSQL, restarted by the drills. Redis keeps nothing
 * on disk here, so a restart empties it for everyone: the drills wait for test runs first.
 */

/** Exactly how this machine starts Redis (no persistence). */
export const REDIS_START_ARGS = [
  "--daemonize",
  "yes",
  "--bind",
  "127.0.0.1",
  "-::1",
  "--port",
  "6379",
  "--save",
  "",
  "--appendonly",
  "no",
  "--dir",
  "/var/lib/redis",
  "--logfile",
  "/var/log/redis/ci.log",
];

async function succeeds(file: string, args: string[], timeoutMs = 5000): Promise<string | null> {
  try {
    const { stdout } = await run(file, args, { timeout: timeoutMs });
    return stdout.trim();
  } catch {
    return null;
  }
}

export async function redisUp(): Promise<boolean> {
  return (await succeeds("redis-cli", ["-p", "6379", "ping"], 2000)) === "PONG";
}

export async function postgresUp(): Promise<boolean> {
  return (await succeeds("pg_isready", ["-h", "127.0.0.1", "-p", "5432"], 3000)) !== null;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not back after ${timeoutMs} ms`);
    await sleep(100);
  }
}

export async function startRedis(): Promise<void> {
  await run("redis-server", REDIS_START_ARGS, { timeout: 10_000 });
  await until(redisUp, 15_000, "Redis");
}

/** `shutdown nosave`, `downMs` of silence, then the machine's own start command. */
export async function restartRedis(downMs: number): Promise<void> {
  await succeeds("redis-cli", ["-p", "6379", "shutdown", "nosave"]);
  await sleep(downMs);
  await startRedis();
}

function cluster(): string {
  const versions = readdirSync("/etc/postgresql");
  if (versions.length !== 1)
    throw new Error(`expected one PostgreSQL version, found ${versions.join(", ")}`);
  return versions[0] as string;
}

/** pg_ctlcluster restart (fast shutdown: every connection is cut), then wait for pg_isready. */
export async function restartPostgres(): Promise<void> {
  await run("pg_ctlcluster", ["--skip-systemctl-redirect", cluster(), "main", "restart"], {
    timeout: 60_000,
  });
  await until(postgresUp, 30_000, "PostgreSQL");
}

/** Brings back whatever a failed drill left down; says what it did. */
export async function ensureServicesUp(): Promise<string[]> {
  const done: string[] = [];
  if (!(await redisUp())) {
    await startRedis().catch(() => undefined);
    done.push(`redis started again: ${(await redisUp()) ? "ok" : "STILL DOWN"}`);
  }
  if (!(await postgresUp())) {
    await run("pg_ctlcluster", ["--skip-systemctl-redirect", cluster(), "main", "start"], {
      timeout: 60_000,
    }).catch(() => undefined);
    await until(postgresUp, 30_000, "PostgreSQL").catch(() => undefined);
    done.push(`postgresql started again: ${(await postgresUp()) ? "ok" : "STILL DOWN"}`);
  }
  return done;
}
