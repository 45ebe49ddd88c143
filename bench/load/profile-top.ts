import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

/**
 * Self time of several `node --cpu-prof` files added together (a run's supervisor and its
 * children, or repeated runs): the top functions and the top packages/app folders, so one
 * look answers "where does the bots' CPU go" without the largest-file-only view of
 * cpu-profile.ts. `--skip-s` drops each profile's first seconds (start-up, FAQ build), and
 * `--per N` divides the times by N messages to give µs per message.
 *
 *   npx tsx bench/load/profile-top.ts [--top 40] [--skip-s 15] [--per 2000] <file|dir>...
 */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: "string", default: "40" },
    "skip-s": { type: "string", default: "0" },
    per: { type: "string", default: "0" },
    callers: { type: "string" },
  },
});
const top = Number(values.top);
const skipUs = Number(values["skip-s"]) * 1e6;
const per = Number(values.per);
// With --callers REGEX: for samples whose top function matches, the nearest frames outside
// node's internals and native code (who asked for the write, the parse, the GC…).
const callersOf = values.callers ? new RegExp(values.callers) : undefined;
const byCaller = new Map<string, number>();
// Total time (self and callees) of each area: a sample counts once for every area on its stack.
const inclusiveArea = new Map<string, number>();
const inclusiveFn = new Map<string, number>();

const files = positionals.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => path.join(p, f))
    : [p],
);
if (files.length === 0) {
  console.error("usage: tsx bench/load/profile-top.ts [--top N] [--skip-s S] <file|dir>...");
  process.exit(1);
}

const byFn = new Map<string, number>();
const byArea = new Map<string, number>();
let total = 0;
let idle = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  let at = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < skipUs) continue;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const frame = frames.get(profile.samples[i] ?? -1);
    if (!frame) continue;
    const fn = frame.functionName || "(anonymous)";
    if (fn === "(idle)") {
      idle += us;
      continue;
    }
    total += us;
    const key = `${fn} ${shortUrl(frame.url, frame.lineNumber)}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    const area = areaOf(frame.url, fn);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const seen = new Set<string>();
    const seenFn = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parents.get(id)) {
      const f = frames.get(id);
      if (!f || !f.url) continue;
      seen.add(areaOf(f.url, f.functionName));
      if (!f.url.startsWith("node:"))
        seenFn.add(`${f.functionName || "(anonymous)"} ${shortUrl(f.url, f.lineNumber)}`);
    }
    for (const k of seenFn) inclusiveFn.set(k, (inclusiveFn.get(k) ?? 0) + us);
    for (const a of seen) inclusiveArea.set(a, (inclusiveArea.get(a) ?? 0) + us);
    if (callersOf?.test(fn)) {
      const chain: string[] = [];
      for (
        let id = parents.get(profile.samples[i] ?? -1);
        id !== undefined && chain.length < 4;
        id = parents.get(id)
      ) {
        const f = frames.get(id);
        if (!f || !f.url || f.url.startsWith("node:")) continue;
        chain.push(`${f.functionName || "(anonymous)"} ${shortUrl(f.url, f.lineNumber)}`);
      }
      const key = chain.join(" < ") || "(no caller outside node)";
      byCaller.set(key, (byCaller.get(key) ?? 0) + us);
    }
  }
}

const unit = per > 0 ? "µs/msg" : "ms";
const show = (us: number) => (per > 0 ? (us / per).toFixed(1) : (us / 1000).toFixed(0));
const pct = (us: number) => ((us / Math.max(1, total)) * 100).toFixed(1);
console.log(
  `${files.length} profile(s); busy ${show(total)} ${unit}, idle ${(idle / 1e6).toFixed(1)} s`,
);
console.log(`\n-- by area (self ${unit}, % of busy)`);
for (const [area, us] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${show(us).padStart(8)} ${pct(us).padStart(5)}%  ${area}`);
console.log(`\n-- by area, inclusive of callees (${unit}, % of busy)`);
for (const [area, us] of [...inclusiveArea].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${show(us).padStart(8)} ${pct(us).padStart(5)}%  ${area}`);
console.log(`\n-- by function outside node, inclusive of callees (${unit}, % of busy)`);
for (const [key, us] of [...inclusiveFn].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${show(us).padStart(8)} ${pct(us).padStart(5)}%  ${key}`);
console.log(`\n-- by function (self ${unit}, % of busy)`);
for (const [key, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${show(us).padStart(8)} ${pct(us).padStart(5)}%  ${key}`);

if (callersOf) {
  console.log(`\n-- callers of /${callersOf.source}/ (self ${unit}, % of busy)`);
  for (const [key, us] of [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${show(us).padStart(8)} ${pct(us).padStart(5)}%  ${key}`);
}

function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : `(native) ${fn}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0] ?? ""}`;
  const app = /\/(core|bots|app)\/([^/]+)\//.exec(url);
  if (app) return `${app[1]}/${app[2]}`;
  return "other";
}

function shortUrl(url: string, line: number): string {
  if (!url) return "";
  const trimmed = url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "~/");
  return `${trimmed.replace(/^.*\/(dist\/)?(core|bots|app|bench)\//, "$2/")}:${line + 1}`;
}
