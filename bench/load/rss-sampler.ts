import { readFileSync } from "node:fs";

export interface ProcessMemory {
  pid: number;
  /** ROLE from the process's environment (a supervisor's children have theirs set). */
  role: string;
  /** The supervisor or single process (the one the bench started), or one of its children. */
  kind: "main" | "child";
  rss_max_mb: number;
  rss_end_mb: number;
}

/**
 * Resident memory of a process and every process it started, sampled from /proc every
 * `everyMs` (VmRSS: what the kernel holds in RAM for it, shared pages counted in each).
 */
export class RssSampler {
  private readonly seen = new Map<number, ProcessMemory>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: () => number | undefined,
    private readonly everyMs = 500,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** One last sample, then each process's peak and its last value (0 if it is gone). */
  stop(): ProcessMemory[] {
    clearInterval(this.timer);
    for (const entry of this.seen.values()) entry.rss_end_mb = 0;
    this.sample();
    return [...this.seen.values()];
  }

  private sample(): void {
    const root = this.root();
    if (root === undefined) return;
    for (const pid of processTree(root)) {
      const mb = rssMb(pid);
      if (mb === undefined) continue;
      const entry = this.seen.get(pid) ?? {
        pid,
        role: roleOf(pid),
        kind: pid === root ? "main" : "child",
        rss_max_mb: 0,
        rss_end_mb: 0,
      };
      entry.rss_max_mb = Math.max(entry.rss_max_mb, mb);
      entry.rss_end_mb = mb;
      this.seen.set(pid, entry);
    }
  }
}

function rssMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

function roleOf(pid: number): string {
  try {
    const env = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    return env.find((e) => e.startsWith("ROLE="))?.slice(5) ?? "?";
  } catch {
    return "?";
  }
}

/** A process and its descendants, from the kernel's list of each one's children (cheap). */
function processTree(root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length && pids.length < 64; i += 1) {
    try {
      const text = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (text) pids.push(...text.split(" ").map(Number));
    } catch {
      // Gone between the reads.
    }
  }
  return pids;
}
