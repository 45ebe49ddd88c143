import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeTelegram, waitFor, type FakeTelegram } from "../support/fake-telegram/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";
import { testRedisUrl } from "../support/test-redis.js";

/**
 * What `npm start` runs in production: the compiled JavaScript in dist/, started from a
 * folder that holds nothing but a `.env`. `npm run check` builds before the tests, so the
 * build here is an incremental no-op there; run alone, this file builds dist/ first.
 */
const repo = path.resolve(".");
const mainJs = path.join(repo, "dist/app/main.js");
const TOKEN = "7000001:dot-env-token";

let fake: FakeTelegram;
let db: TestDb;
let folder: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  const build = spawnSync(
    process.execPath,
    [path.join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    { cwd: repo, encoding: "utf8" },
  );
  expect(build.stdout + build.stderr).toBe("");
  fake = await startFakeTelegram({ bots: [{ token: TOKEN, username: "dot_env_bot" }] });
  db = await createTestDb({ empty: true });
  folder = mkdtempSync(path.join(tmpdir(), "navsup-dotenv-"));
}, 240_000);

afterAll(async () => {
  child?.kill("SIGKILL");
  await fake?.close();
  await db?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function runDist(script: string, args: string[]) {
  return spawnSync(process.execPath, ["--enable-source-maps", path.join(repo, script), ...args], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
  });
}

test.each([
  ["dist/app/main.js", /^Usage: node dist\/app\/main\.js <command>/],
  ["dist/app/faq-cli.js", /^Usage: npm run faq -- <command>/],
  ["dist/app/report-cli.js", /^Usage: npm run report -- sla --from/],
])(
  "%s --help prints its usage and exits 0",
  (script, usage) => {
    const result = runDist(script, ["--help"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(usage);
    expect(result.status).toBe(0);
  },
  60_000,
);

test.each([
  ["dist/app/main.js", ["bogus"], /^Unknown command "bogus"\.\n\nUsage: /],
  ["dist/app/main.js", [], /^Usage: /],
  ["dist/app/faq-cli.js", ["--bogus"], /^faq: Unknown option '--bogus'.*\n\nUsage: npm run faq/],
  ["dist/app/faq-cli.js", [], /^faq: Usage: npm run faq/],
  ["dist/app/report-cli.js", ["slq"], /^Unknown report "slq"\.\nUsage: npm run report/],
])(
  "%s %j prints the usage, not a stack trace, and exits 1",
  (script, args, message) => {
    const result = runDist(script, args);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(result.status).toBe(1);
  },
  60_000,
);

test("the build has source maps pointing at the TypeScript sources", () => {
  const map = JSON.parse(readFileSync(`${mainJs}.map`, "utf8")) as { sources: string[] };
  expect(map.sources).toEqual(["../../app/main.ts"]);
});

test("a copy of .env.example with a token set is read by `start`; the real environment wins", async () => {
  const dotEnv = readFileSync(path.join(repo, ".env.example"), "utf8")
    .replace(/^TELEGRAM_BOT_TOKEN=.*$/m, `TELEGRAM_BOT_TOKEN=${TOKEN}`)
    .replace(/^DATABASE_URL=.*$/m, `DATABASE_URL=${db.url}`)
    .replace(/^REDIS_URL=.*$/m, `REDIS_URL=${testRedisUrl}`)
    .replace(/^TELEGRAM_API_ROOT=.*$/m, `TELEGRAM_API_ROOT=${fake.apiRoot}`)
    .replace(/^HTTP_PORT=.*$/m, "HTTP_PORT=0")
    .replace(/^METRICS_PORT=.*$/m, "METRICS_PORT=0");
  writeFileSync(path.join(folder, ".env"), dotEnv);
  expect(dotEnv).toMatch(/^ROLE=all$/m);

  let output = "";
  // ROLE from the environment must beat .env's ROLE=all (receivers only: no shared workers).
  child = spawn(process.execPath, ["--enable-source-maps", mainJs, "start"], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "", ROLE: "receiver" },
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const running = await waitFor(
    () =>
      output
        .split("\n")
        .map((line) => (line.startsWith("{") ? (JSON.parse(line) as Record<string, unknown>) : {}))
        .find((entry) => entry.msg === "navigator-support is running"),
    60_000,
    `the "running" log line; output so far:\n${output}`,
  );
  expect(running).toMatchObject({ role: "receiver", channels: ["telegram"] });

  // The receiver took the update from the fake Bot API and answered into the outbox (a
  // receiver leaves the sending to the workers): the migrations, the locales and the
  // default FAQ were all found from dist/.
  const parent = fake.createUser({ first_name: "Мария", language_code: "ru" });
  parent.sendText(TOKEN, "/start");
  const reply = await waitFor(
    () => db.db.outbox.findFirst({ where: { chatKey: { endsWith: `:${parent.id}` } } }),
    30_000,
    "the greeting in the outbox",
  );
  expect(JSON.stringify(reply.payload)).toMatch(/[А-Яа-я]/);
  expect(await db.db.faqEntry.count()).toBeGreaterThan(0);

  child.kill("SIGTERM");
  const code = await new Promise((resolve) => child?.once("exit", resolve));
  expect(code, output).toBe(0);
}, 120_000);
