import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { defaultChildNodeOptions } from "../../core/config/config-schema.js";
import { createRedis } from "../../core/queue/index.js";
import { startFakeTelegram, waitFor, type FakeTelegram } from "../support/fake-telegram/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

/**
 * `npm start` with PROCESSES=2: a supervisor with two children of ROLE=all (one polls the
 * bot under the poller lease, both handle the inbox and send their own replies), run as
 * `node --import tsx app/main.ts start` from an empty folder (so no .env is read). The app
 * uses fixed queue names, so it gets a Redis database of its own, emptied before and after.
 */
const repo = path.resolve(".");
const TOKEN = "7000011:process-model-token";
// Its own Redis database (flushed): scale-out.test.ts has 10, the demo 12, bench 13.
const redisUrl = "redis://127.0.0.1:6379/11";

type LogLine = Record<string, unknown> & {
  msg?: string;
  role?: string;
  process?: string;
  pid?: number;
};

let fake: FakeTelegram;
let db: TestDb;
let folder: string;
let primary: ChildProcess | undefined;
let output = "";
const seen = new Set<number>();

beforeAll(async () => {
  fake = await startFakeTelegram({ bots: [{ token: TOKEN, username: "process_model_bot" }] });
  db = await createTestDb({ empty: true });
  folder = mkdtempSync(path.join(tmpdir(), "navsup-processes-"));
  await flushRedis();
}, 120_000);

afterAll(async () => {
  if (primary?.exitCode === null) console.error(`app output:\n${output}`);
  primary?.kill("SIGKILL");
  for (const pid of seen) if (alive(pid)) process.kill(pid, "SIGKILL");
  await fake?.close();
  await db?.drop();
  await flushRedis();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test("PROCESSES=2 runs two children; a killed child comes back; SIGTERM stops all", async () => {
  const metricsPort = await freePort();
  // tsx by its file URL: a bare "tsx" would be looked up from the empty folder.
  const tsx = import.meta.resolve("tsx");
  primary = spawn(process.execPath, ["--import", tsx, path.join(repo, "app/main.ts"), "start"], {
    cwd: folder,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      HTTP_PORT: "0",
      METRICS_PORT: String(metricsPort),
      ROLE: "all",
      PROCESSES: "2",
    },
  });
  primary.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  primary.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const runningLines = () =>
    logLines().filter((l) => l.msg === "navigator-support is running" && l.role === "all");
  const running = (process: string, except?: number) =>
    runningLines().find((l) => l.process === process && l.pid !== except);

  const [receiver, worker] = await waitFor(
    () => {
      const [first, second] = [running("all-1"), running("all-2")];
      return first && second ? [first, second] : undefined;
    },
    90_000,
    "both children running",
  );
  const supervisorLine = logLines().find((l) => l.msg === "supervisor started its processes");
  expect(supervisorLine).toMatchObject({
    role: "supervisor",
    processes: ["all-1", "all-2"],
  });
  for (const line of [receiver, worker]) seen.add(Number(line.pid));
  // Each child runs with the memory flags the supervisor adds (CHILD_NODE_OPTIONS unset).
  for (const line of [receiver, worker])
    expect(readFileSync(`/proc/${line.pid}/cmdline`, "utf8").split("\0")).toEqual(
      expect.arrayContaining(defaultChildNodeOptions.split(" ")),
    );
  expect(new Set([primary.pid, receiver.pid, worker.pid]).size).toBe(3);
  // Only the supervisor listens on METRICS_PORT; the children answer it over IPC.
  expect(worker.metricsPort).toBe(metricsPort);

  const health = await waitFor(
    async () => {
      const res = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
      return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
    },
    30_000,
    "/healthz 200 from the supervisor",
  );
  expect(health).toMatchObject({
    status: "ok",
    processes: {
      "all-1": { status: "ok", checks: { database: "ok", redis: "ok" } },
      "all-2": { status: "ok", checks: { database: "ok", redis: "ok" } },
    },
  });

  // Whichever child holds the poller lease stores the update; a child sends the answer.
  const parent = fake.createUser({ first_name: "Мария", language_code: "ru" });
  parent.sendText(TOKEN, "/start");
  await fake.waitForSent({ token: TOKEN, chatId: parent.id }, 30_000);
  // Through the supervisor's aggregate of both children (the delivery is counted just after
  // the send returned, so it may trail the fake by a moment).
  const metrics = await waitFor(
    async () => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return (
        /^navsup_outbound_deliveries_total\{[^}]*result="sent"[^}]*\} [1-9]/m.test(text) && text
      );
    },
    10_000,
    "the delivery in the aggregated /metrics",
  );
  expect(metrics).toMatch(/^navsup_inbound_messages_total\{[^}]*\} [1-9]/m);
  expect(metrics).toMatch(/^navsup_open_tickets 0$/m);

  // kill -9 of the second child: the supervisor logs it and starts it again.
  process.kill(Number(worker.pid), "SIGKILL");
  const restarted = await waitFor(
    () => running("all-2", Number(worker.pid)),
    60_000,
    "the second child running again",
  );
  seen.add(Number(restarted.pid));
  expect(logLines().find((l) => l.msg?.startsWith("a child process stopped"))).toMatchObject({
    role: "supervisor",
    process: "all-2",
    signal: "SIGKILL",
    restartInMs: 1000,
  });
  expect(alive(Number(receiver.pid))).toBe(true);
  // The new child is up and answers the supervisor's health checks.
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status === 200,
    30_000,
    "/healthz 200 with the new child",
  );

  primary.kill("SIGTERM");
  const [code] = (await once(primary, "exit")) as [number | null];
  expect(code).toBe(0);
  for (const pid of [receiver.pid, restarted.pid])
    expect(alive(Number(pid)), `pid ${pid}`).toBe(false);
  const stopped = logLines().filter((l) => l.msg === "stopping");
  expect(stopped.map((l) => l.role).sort()).toEqual(["all", "all", "supervisor"]);
}, 240_000);

test("PROCESSES=2 with a database that cannot be prepared: the supervisor says why, exits 1 and leaves no child", async () => {
  const tsx = import.meta.resolve("tsx");
  // The service children start alongside the prepare task and wait for it: when it fails,
  // they must go too. The token tells this start's processes apart in /proc.
  const token = `7000012:prepare-fails-${process.pid}`;
  const failing = spawn(
    process.execPath,
    ["--import", tsx, path.join(repo, "app/main.ts"), "start"],
    {
      cwd: folder,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        DATABASE_URL: db.url.replace(/\/[^/?]+(\?|$)/, "/navsup_no_such_database$1"),
        REDIS_URL: redisUrl,
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        HTTP_PORT: "0",
        METRICS_PORT: String(await freePort()),
        ROLE: "all",
        PROCESSES: "2",
      },
    },
  );
  let text = "";
  failing.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  failing.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const [code] = (await once(failing, "exit")) as [number | null];
  expect(code, text).toBe(1);
  expect(text).toContain("preparing the database failed");
  expect(processesWith(token)).toEqual([]);
}, 120_000);

/** Pids of the running processes whose environment holds `marker`. */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "utf8").includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

function logLines(): LogLine[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{") && line.endsWith("}"))
    .map((line) => JSON.parse(line) as LogLine);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function flushRedis(): Promise<void> {
  const redis = createRedis(redisUrl);
  await redis.flushdb();
  redis.disconnect();
}
