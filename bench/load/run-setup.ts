import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createBenchDatabase, flushRedisDb } from "./bench-db.js";
import { freePort, repoRoot } from "./child-process.js";
import type { ManagedChild } from "./child-process.js";
import { CAPPED_TOKEN, startFakeWorld, type FakeWorld } from "./fake-world.js";
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
  /**
   * The same system at another global send cap (bench:load's run at the production cap),
   * on a database, a Redis database and a parents' bot of its own: the main run's backlog
   * (thousands of replies at 30/s) must not stand in front of it.
   */
  systemAtCap: (
    sendsPerSecond: number,
    logFile: string,
  ) => Promise<{ system: ManagedChild; db: { name: string; url: string } }>;
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
  if (!options.tsx) buildDist(progress);
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
    compiled: !options.tsx,
    nodeOptions: options.nodeOptions,
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
    async systemAtCap(sendsPerSecond, file) {
      const cappedDb = await createBenchDatabase();
      await flushRedisDb(options.redisDb + 1);
      const system = systemChild(world, {
        ...settings,
        databaseUrl: cappedDb.url,
        redisUrl: `redis://127.0.0.1:6379/${options.redisDb + 1}`,
        token: CAPPED_TOKEN,
        sendsPerSecond,
        logFile: file,
      });
      return { system, db: cappedDb };
    },
  };
}

/** `npm run build` (incremental): the system runs the compiled dist/, as `npm start` does. */
function buildDist(progress: (line: string) => void): void {
  progress("building dist/ (tsc -p tsconfig.build.json)");
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    { cwd: repoRoot, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
}
