import { readdirSync, readFileSync } from "node:fs";

/** Linux's USER_HZ: /proc times are in 1/100 s on every mainstream kernel. */
const TICK_MS = 10;

export interface CpuSnapshot {
  at: number;
  /** Busy time of the whole machine (all cores together), ms. */
  machineBusy: number;
  /** CPU time of every process so far, ms, with its command name and parent. */
  processes: Map<number, ProcStat>;
  /** Named child processes of the bench. */
  children: Record<string, number | undefined>;
}

interface ProcStat {
  comm: string;
  ms: number;
  ppid: number;
}

/** CPU time consumed so far by every process, from /proc (read at phase boundaries only). */
export function cpuSnapshot(children: Record<string, number | undefined>): CpuSnapshot {
  const processes = new Map<number, ProcStat>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat) processes.set(Number(entry), stat);
  }
  return { at: Date.now(), machineBusy: machineBusyMs(), processes, children: { ...children } };
}

/**
 * Percent of one core each party used between two snapshots: this process (the fake Bot
 * API, the load generator and the tracker), the named children, PostgreSQL, Redis, and
 * whatever else ran on the machine (see busiestOther for who that was).
 */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): Record<string, number> {
  const wall = Math.max(1, b.at - a.at);
  const pct = (ms: number) => Math.round((ms / wall) * 1000) / 10;
  const childPids = new Map<number, string>();
  for (const [name, pid] of Object.entries(b.children))
    if (pid !== undefined) childPids.set(pid, name);
  const parties = new Map<string, number>([
    ["bench_and_fake", 0],
    ...Object.keys(b.children).map((name) => [name, 0] as [string, number]),
    ["postgres", 0],
    ["redis", 0],
  ]);
  let otherMs = 0;
  for (const [pid, now] of b.processes) {
    // A process born inside the window counts from zero; one that died inside it is missed.
    const used = now.ms - (a.processes.get(pid)?.ms ?? 0);
    if (used <= 0) continue;
    const party =
      pid === process.pid
        ? "bench_and_fake"
        : (namedAncestor(b, pid, childPids) ??
          (now.comm === "postgres"
            ? "postgres"
            : now.comm.startsWith("redis-server")
              ? "redis"
              : undefined));
    if (party) parties.set(party, (parties.get(party) ?? 0) + used);
    else otherMs += used;
  }
  const result: Record<string, number> = {
    machine_busy_pct_of_core: pct(b.machineBusy - a.machineBusy),
  };
  for (const [name, ms] of parties) result[`${name}_pct_of_core`] = pct(ms);
  result.others_pct_of_core = pct(otherMs);
  return result;
}

/**
 * CPU ms per party between two snapshots: each named child with every process it started
 * (a supervisor's children count for the system), PostgreSQL and Redis.
 */
export function cpuMsByParty(a: CpuSnapshot, b: CpuSnapshot): Record<string, number> {
  const childPids = new Map<number, string>();
  for (const [name, pid] of Object.entries(b.children))
    if (pid !== undefined) childPids.set(pid, name);
  const result: Record<string, number> = { postgres: 0, redis: 0 };
  for (const name of childPids.values()) result[name] = 0;
  for (const [pid, now] of b.processes) {
    const used = now.ms - (a.processes.get(pid)?.ms ?? 0);
    if (used <= 0) continue;
    const party =
      namedAncestor(b, pid, childPids) ??
      (now.comm === "postgres"
        ? "postgres"
        : now.comm.startsWith("redis-server")
          ? "redis"
          : undefined);
    if (party) result[party] = (result[party] ?? 0) + used;
  }
  return result;
}

/** The named child this process is or descends from (a few generations up), if any. */
function namedAncestor(
  snapshot: CpuSnapshot,
  pid: number,
  named: Map<number, string>,
): string | undefined {
  let current: number | undefined = pid;
  for (let depth = 0; depth < 4 && current !== undefined && current > 1; depth += 1) {
    const name = named.get(current);
    if (name) return name;
    current = snapshot.processes.get(current)?.ppid;
  }
  return undefined;
}

/** The busiest process outside the bench's parties, with its command line (e.g. a test run). */
export function busiestOther(
  a: CpuSnapshot,
  b: CpuSnapshot,
): { pct_of_core: number; command: string } | null {
  const named = new Map<number, string>([[process.pid, "bench"]]);
  for (const [name, pid] of Object.entries(b.children)) if (pid !== undefined) named.set(pid, name);
  let top = { pid: 0, ms: 0 };
  for (const [pid, now] of b.processes) {
    if (
      namedAncestor(b, pid, named) ||
      now.comm === "postgres" ||
      now.comm.startsWith("redis-server")
    )
      continue;
    const used = now.ms - (a.processes.get(pid)?.ms ?? 0);
    if (used > top.ms) top = { pid, ms: used };
  }
  const wall = Math.max(1, b.at - a.at);
  if (top.ms / wall < 0.05) return null;
  let command = b.processes.get(top.pid)?.comm ?? "?";
  try {
    command = readFileSync(`/proc/${top.pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    // Gone already: the command name is all there is.
  }
  return { pct_of_core: Math.round((top.ms / wall) * 1000) / 10, command: command.slice(0, 120) };
}

/** user + nice + system + irq + softirq, all cores (idle, iowait and steal are not busy). */
function machineBusyMs(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = (f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0);
  return busy * TICK_MS;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // After "pid (comm) ": utime and stime are proc(5) fields 14 and 15, i.e. [11] and [12] here.
    const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    return { comm, ms, ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}
