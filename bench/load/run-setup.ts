import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createBenchDatabase, flushRedisDb } from "./bench-db.js";
import { freePort } from "./child-process.js";
import type { ManagedChild } from "./child-process.js";
import { startFakeWorld, type FakeWorld } from "./fake-world.js";
import { createMessageMix } from "./message-mix.js";
import type { BenchOptions } from "./options.js";
import { systemChild } from "./system-process.js";

/** What bench:load and the drills both stand on; the system is created but not started. */
export interface RunSetup {
  runDir: string;
  logFile: string;
  profileDir?: string;
  mix: ReturnType<typeof createMessageMix>;
  db: { name: string; url: string };
  world: FakeWorld;
  httpPort: number;
  system: ManagedChild;
  /** The same system at another global send cap (bench:load's run at the production cap). */
  systemAtCap: (sendsPerSecond: number, logFile: string) => ManagedChild;
}

/**
 * A scratch folder for logs, a fresh database, an emptied Redis database, the fake Bot API
 * with its bots and staff group, and the system under test configured against them.
 */
export async function prepareRun(
  kind: "bench" | "drill",
  options: BenchOptions,
  progress: (line: string) => void,
): Promise<RunSetup> {
  const runDir = mkdtempSync(path.join(tmpdir(), `navsup-${kind}-`));
  const logFile = path.join(runDir, "system.log");
  const profileDir = options.profile ? path.join(runDir, "prof") : undefined;
  progress(`logs in ${runDir}`);
  const mix = createMessageMix({ seed: options.seed });
  const db = await createBenchDatabase();
  await flushRedisDb(options.redisDb);
  const world = await startFakeWorld();
  const httpPort = await freePort();
  const settings = {
    databaseUrl: db.url,
    redisUrl: `redis://127.0.0.1:6379/${options.redisDb}`,
    httpPort,
    sendsPerSecond: options.sendsPerSecond,
    dbPool: options.dbPool,
    relayPerMinute: options.relayPerMinute,
    logFile,
    processes: options.processes,
    cwd: runDir,
    ...(profileDir ? { profileDir } : {}),
  };
  const system = systemChild(world, settings);
  return {
    runDir,
    logFile,
    ...(profileDir ? { profileDir } : {}),
    mix,
    db,
    world,
    httpPort,
    system,
    systemAtCap: (sendsPerSecond, file) =>
      systemChild(world, { ...settings, sendsPerSecond, logFile: file }),
  };
}
