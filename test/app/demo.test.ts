import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, expect, test } from "vitest";
import { withAdmin } from "../support/test-db.js";

// Named like the test databases, so a run killed before its cleanup is swept later.
const database = `navigator_tdb_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

afterAll(async () => {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
});

test("`npm run demo -- --script`: an FAQ answer and an agent's answer reach the parent within a minute", async () => {
  // Redis database 10: not the tests' 0, the demo's default 12 or the benchmarks' 13.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "demo/demo.ts", "--script", "--database", database, "--redis-db", "10"],
    { env: { PATH: process.env.PATH ?? "" } },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise((resolve) => child.once("exit", resolve));

  expect(output).toMatch(/^== the FAQ answered the parent [\d.]+ s after the demo started$/m);
  expect(output).toMatch(/^relay bot -> staff group, topic "№1 · /m);
  expect(output).toMatch(/^agent \(in the ticket's topic\): Здравствуйте!/m);
  expect(output).toMatch(/^== the agent's answer reached the parent [\d.]+ s after/m);
  // The script itself exits 1 when the agent's answer took longer than a minute.
  expect(code, output).toBe(0);
}, 180_000);
