#!/usr/bin/env node
// Greps captured logs (e.g. of a full test run) for the tokens the tests use. The tokens are
// read from the test sources themselves (string literals shaped like a Telegram bot token,
// the fake VK community token, webhook secrets), so new tests are covered without editing
// this list; anything shaped like a real bot token counts as well.
//
//   npx vitest run 2>&1 | tee /tmp/test-run.log
//   node scripts/find-test-tokens.mjs /tmp/test-run.log      # exit 1 and every hit, or 0
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/find-test-tokens.mjs LOG_FILE...");
  process.exit(2);
}

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|mjs)$/.test(name)) yield path;
  }
}

const literal = /["'`](\d{3,}:[A-Za-z0-9_-]{3,}|vk-[a-z-]*token[a-z-]*|vk1\.a\.[\w-]+)["'`]/g;
const secretField = /secret(?:Token)?:\s*["'`]([^"'`\s]{8,})["'`]/g;
const tokens = new Set();
for (const root of ["test", "bench"]) {
  for (const file of sources(root)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(literal)) tokens.add(m[1]);
    for (const m of text.matchAll(secretField)) tokens.add(m[1]);
  }
}
// What a real token looks like (the pattern core/observability scrubs).
const shaped = /\d{6,}:[A-Za-z0-9_-]{30,}/;

let hits = 0;
for (const file of files) {
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    const found = [...tokens].filter((t) => line.includes(t));
    const pattern = shaped.exec(line)?.[0];
    if (pattern && !found.includes(pattern)) found.push(pattern);
    if (found.length === 0) return;
    hits++;
    console.log(`${file}:${i + 1}: ${found.join(", ")}`);
  });
}
console.log(
  `${tokens.size} test tokens looked for in ${files.length} file(s): ${hits} line(s) hold one.`,
);
process.exit(hits > 0 ? 1 : 0);
