/**
 * `npm run drill`: five failure drills under a steady load (default 20 msg/s: the system
 * sustains 25-50 msg/s on this 2-core machine, see bench:load, and a drill under overload
 * measures the overload, not the fault) against the real system: kill -9 and restart, Redis restart, PostgreSQL restart, Bot API 429/5xx
 * storm, every update delivered twice. Each drill has its own phase; the report says per
 * drill what was lost, answered late, duplicated, and how long recovery took. Restarts the
 * machine's shared Redis and PostgreSQL, so it waits for any vitest run first and always
 * brings the services back. Prints one JSON object; progress goes to stderr.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { buildDrillReport, type DrillRun } from "./drill/drill-report.js";
import {
  BASELINE_MS,
  drills,
  OBSERVE_MAX_MS,
  OBSERVE_MIN_MS,
  type DrillContext,
  type FaultWindow,
} from "./drill/drills.js";
import { logSize, summariseLog } from "./drill/log-excerpt.js";
import { ensureServicesUp } from "./drill/services.js";
import { waitForNoTests } from "./load/test-runs.js";
import { dropBenchDatabase, flushRedisDb, readDbFacts } from "./load/bench-db.js";
import { busiestOther, cpuBetween, cpuSnapshot } from "./load/cpu-usage.js";
import { PARENTS_TOKEN } from "./load/fake-world.js";
import { runLoad, SeqSource } from "./load/load-generator.js";
import { createTarget } from "./load/measure.js";
import { parseOptions } from "./load/options.js";
import { ParentPool } from "./load/parent-pool.js";
import type { TrackedMessage } from "./load/reply-tracker.js";
import { prepareRun } from "./load/run-setup.js";
import { waitForAnswer, waitForHealth } from "./load/system-process.js";

const progress = (line: string) =>
  process.stderr.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2), 20);
  await waitForNoTests(progress, 10 * 60_000);
  const restored = await ensureServicesUp();
  if (restored.length > 0) progress(`services were down before the drills: ${restored.join("; ")}`);
  const { logFile, mix, db, world, httpPort, system } = await prepareRun(
    "drill",
    options,
    progress,
  );
  const target = createTarget(
    { world, deadlineMs: options.deadlineMs, thinkMs: options.thinkMs },
    "system",
    PARENTS_TOKEN,
    system,
  );
  const load = new AbortController();
  let loadDone: Promise<unknown> = Promise.resolve();
  const runs: DrillRun[] = [];
  try {
    progress(`system: starting (log ${logFile})`);
    system.start();
    await waitForHealth(system, httpPort);
    await waitForAnswer(world.fake, system, PARENTS_TOKEN);

    let phase = "warmup";
    let onPushed: Parameters<DrillContext["setOnPushed"]>[0];
    const pool = new ParentPool(world.fake, "drill", options.parents);
    loadDone = runLoad({
      token: PARENTS_TOKEN,
      pool,
      tracker: target.tracker,
      mix,
      seq: new SeqSource(),
      rate: options.rate,
      signal: load.signal,
      phase: () => phase,
      onPushed: (injected, message) => onPushed?.(injected, message),
    });
    progress(`load: ${options.rate} msg/s, ${options.parents} parents; warm-up 5 s`);
    await sleep(5000);

    const ctx: DrillContext = {
      fake: world.fake,
      system,
      httpPort,
      tracker: target.tracker,
      progress,
      setOnPushed: (hook) => {
        onPushed = hook;
      },
    };
    for (const name of options.drills) {
      phase = name;
      runs.push(await runDrill(ctx, name, logFile, target.tracker.messages()));
    }
    phase = "cooldown";
    load.abort();
    await loadDone;
    progress("load stopped; waiting for the last replies");
    const waitStart = Date.now();
    while (target.tracker.outstanding() > 0 && Date.now() - waitStart < options.deadlineMs + 2000)
      await sleep(200);
    // Lost messages may still be answered late; give them a few more seconds to show up.
    await sleep(3000);
    progress("stopping the system, reading the database");
    await system.stop();
    const facts = await readDbFacts(db.url);
    const report = buildDrillReport({ options, started, runs, facts, target, logFile, world });
    console.log(JSON.stringify(report, null, 2));
  } finally {
    load.abort();
    await loadDone.catch(() => undefined);
    target.tracker.stop();
    await system.stop();
    const restoredAfter = await ensureServicesUp();
    if (restoredAfter.length > 0) progress(`services restored: ${restoredAfter.join("; ")}`);
    await world.close();
    if (options.keepDb) progress(`database kept: ${db.name}`);
    else
      await dropBenchDatabase(db.name).catch((e: unknown) => progress(`drop failed: ${String(e)}`));
    await flushRedisDb(options.redisDb).catch(() => undefined);
  }
}

/** One drill: baseline, fault, observation; the system is started again if it died. */
async function runDrill(
  ctx: DrillContext,
  name: string,
  logFile: string,
  messages: readonly TrackedMessage[],
): Promise<DrillRun> {
  const drill = drills[name];
  if (!drill) throw new Error(`unknown drill ${name}`);
  const phaseStart = Date.now();
  const logFrom = logSize(logFile);
  const cpuFrom = cpuSnapshot({ system: ctx.system.pid });
  progress(`drill ${name}: ${drill.what}`);
  await sleep(BASELINE_MS);
  let window: FaultWindow;
  let error: string | undefined;
  try {
    window = await drill.run(ctx);
  } catch (failure) {
    // A drill that could not run its fault still reports what the load saw.
    error = failure instanceof Error ? failure.message : String(failure);
    progress(`drill ${name} failed: ${error}`);
    window = { faultStart: Date.now(), faultEnd: Date.now(), details: {} };
    progress(`services: ${(await ensureServicesUp()).join("; ") || "up"}`);
  }
  progress(`drill ${name}: fault over after ${window.faultEnd - window.faultStart} ms; watching`);
  await observe(messages, name, window.faultEnd);
  let systemExited: string | undefined;
  if (!ctx.system.running) {
    systemExited = ctx.system.exitInfo;
    progress(`system exited during ${name} (${systemExited}); starting it again`);
    ctx.system.start();
    await waitForHealth(ctx.system, ctx.httpPort);
  }
  // The pid changes with a restart: both the old and the new process are counted by pid.
  const cpuTo = cpuSnapshot({ system: ctx.system.pid });
  return {
    name,
    cpu: cpuBetween(cpuFrom, cpuTo),
    otherLoad: busiestOther(cpuFrom, cpuTo),
    phaseStart,
    phaseEnd: Date.now(),
    window,
    log: summariseLog(logFile, logFrom, logSize(logFile)),
    ...(systemExited ? { systemExited } : {}),
    ...(error ? { error } : {}),
  };
}

/** Until everything sent before the fault ended is answered or lost, within the bounds. */
async function observe(messages: readonly TrackedMessage[], phase: string, faultEnd: number) {
  for (;;) {
    const since = Date.now() - faultEnd;
    if (since >= OBSERVE_MAX_MS) return;
    if (since >= OBSERVE_MIN_MS) {
      const open = messages.some(
        (m) => m.phase === phase && m.pushedAt < faultEnd && m.repliedAt === undefined && !m.lost,
      );
      if (!open) return;
    }
    await sleep(500);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    // The finally blocks already tried; make sure once more that the shared services are up.
    void ensureServicesUp().finally(() => process.exit(1));
  },
);
