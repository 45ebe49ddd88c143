import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";

const tsx = path.resolve("node_modules/.bin/tsx");
// tsx compiles on every start: on a busy machine one run takes far longer than the default.

// An empty folder to run from: a developer's own .env in the repo must not leak in.
const folder = mkdtempSync(path.join(tmpdir(), "navsup-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(script: string, args: string[]) {
  return spawnSync(tsx, [path.resolve(script), ...args], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
  });
}

test("npm start with an empty environment exits non-zero and lists each missing variable, without a stack trace", () => {
  const result = run("app/main.ts", ["start"]);
  expect(result.status).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines[0]).toBe("navigator-support cannot start:");
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^ {2}- DATABASE_URL is missing: set it to the PostgreSQL URL/),
    expect.stringMatching(/^ {2}- No channel is configured: set TELEGRAM_BOT_TOKEN/),
  ]);
  expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
}, 60_000);

test("db:migrate without DATABASE_URL says what to set", () => {
  const result = run("app/main.ts", ["migrate"]);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/DATABASE_URL is missing/);
}, 60_000);
