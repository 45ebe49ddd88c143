import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The parts of V8's .cpuprofile JSON this summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  sampled_ms: number;
  /** Self time by area: app code folders, each npm package, node internals, GC, idle. */
  by_area: Array<{ area: string; ms: number; pct: number }>;
  /** The functions that spent the most time in their own code. */
  top_self: Array<{ fn: string; where: string; ms: number; pct: number }>;
}

/**
 * Self time per function from a `node --cpu-prof` file: each sample's time delta goes to the
 * frame that was on top of the stack. Grouping by area answers "where does time go" (the
 * database driver, the queue, JSON, the matcher…) before looking at single functions.
 */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFn = new Map<string, { fn: string; where: string; ms: number }>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    // timeDeltas[i] is the gap before sample i; the next gap is how long sample i's frame ran.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = frames.get(profile.samples[i] ?? -1);
    if (!frame) continue;
    total += ms;
    const where = shortUrl(frame.url, frame.lineNumber);
    const fn = frame.functionName || "(anonymous)";
    const key = `${fn} ${where}`;
    const entry = byFn.get(key) ?? { fn, where, ms: 0 };
    entry.ms += ms;
    byFn.set(key, entry);
    const area = areaOf(frame.url, fn);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  const pct = (ms: number) => Math.round((ms / Math.max(1, total)) * 1000) / 10;
  return {
    file,
    sampled_ms: Math.round(total),
    by_area: [...byArea]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([area, ms]) => ({ area, ms: Math.round(ms), pct: pct(ms) })),
    top_self: [...byFn.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((e) => ({ ...e, ms: Math.round(e.ms), pct: pct(e.ms) })),
  };
}

/** The main thread's profile is the largest file in the directory. */
export function largestProfile(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith("node:")) return "node internals";
  const app = /\/(core|bots|app)\/([^/]+)\//.exec(url);
  if (app) return `${app[1]}/${app[2]}`;
  return "other";
}

function shortUrl(url: string, line: number): string {
  if (!url) return "";
  const trimmed = url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "~/");
  const local = trimmed.replace(/^.*\/(core|bots|app|bench)\//, "$1/");
  return `${local}:${line + 1}`;
}

// `npx tsx bench/load/cpu-profile.ts <file-or-dir>` prints the summary of a saved profile.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const target = process.argv[2];
  if (!target) {
    console.error("usage: tsx bench/load/cpu-profile.ts <file.cpuprofile | directory>");
    process.exit(1);
  }
  const file = statSync(target).isDirectory() ? largestProfile(target) : target;
  if (!file) throw new Error(`no .cpuprofile in ${target}`);
  console.log(JSON.stringify(summariseProfile(file), null, 2));
}
