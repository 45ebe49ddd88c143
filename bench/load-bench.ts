/**
 * `npm run bench:load -- --parents 1000 --rate 200 --seconds 30`: simulated parents write to
 * the real system (app/main.ts start as a child process, on real PostgreSQL and Redis) through
 * the fake Bot API running in this process, and the same load goes to a bare grammY echo bot
 * on the same fake for comparison. Then (unless --no-find-max) the rate is stepped up to find
 * the highest sustained rate of both. Prints one JSON object; progress goes to stderr.
 * bench/README.md explains every number.
 */
import path from "node:path";
import { dropBenchDatabase, flushRedisDb, readDbFacts } from "./load/bench-db.js";
import { largestProfile, summariseProfile, type ProfileSummary } from "./load/cpu-profile.js";
import { accountSends } from "./load/duplicates.js";
import { CAPPED_TOKEN, ECHO_TOKEN, PARENTS_TOKEN } from "./load/fake-world.js";
import { SeqSource } from "./load/load-generator.js";
import {
  createTarget,
  findMax,
  measurePhase,
  settle,
  type BenchContext,
  type PhaseResult,
  type Target,
} from "./load/measure.js";
import { parseOptions } from "./load/options.js";
import { buildLoadReport } from "./load/load-report.js";
import { prepareRun } from "./load/run-setup.js";
import { echoChild, waitForAnswer, waitForHealth } from "./load/system-process.js";
import { round } from "./load/stats.js";
import { waitForNoTests } from "./load/test-runs.js";

const progress = (line: string) =>
  process.stderr.write(`[bench:load ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2), 200);
  const { runDir, logFile, profileDir, mix, db, world, httpPort, system, systemAtCap } =
    await prepareRun("bench", options, progress);
  const echo = echoChild(world, path.join(runDir, "echo.log"));
  const cappedLog = path.join(runDir, "system-capped.log");
  let current = system;
  let capped: Awaited<ReturnType<typeof systemAtCap>> | undefined;
  const ctx: BenchContext = {
    world,
    mix,
    seq: new SeqSource(),
    deadlineMs: options.deadlineMs,
    thinkMs: options.thinkMs,
    pids: () => ({ system: current.pid, echo: echo.pid }),
    chatPhase: new Map(),
    dbName: db.name,
  };
  const echoTarget = createTarget(ctx, "echo", ECHO_TOKEN, echo);
  const systemTarget = createTarget(ctx, "system", PARENTS_TOKEN, system);
  const main = { rate: options.rate, seconds: options.seconds, parents: options.parents };
  try {
    const waitedForTests =
      options.waitForTestsS > 0
        ? await waitForNoTests(progress, options.waitForTestsS * 1000).catch(() => -1)
        : 0;
    progress("echo bot: starting");
    echo.start();
    await waitForAnswer(world.fake, echo, ECHO_TOKEN);
    await warmUp(ctx, echoTarget, main.rate);

    progress(`system: starting with PROCESSES=${options.processes} (log ${logFile})`);
    const spawnedAt = Date.now();
    system.start();
    await waitForHealth(system, httpPort, 180_000);
    await waitForAnswer(world.fake, system, PARENTS_TOKEN);
    const startupMs = Date.now() - spawnedAt;
    await warmUp(ctx, systemTarget, main.rate);
    const settled = await settle(ctx, systemTarget, 60_000);
    if (!settled.cleared) progress(`system backlog not cleared after ${settled.waited_ms} ms`);

    // Side by side: the echo bot's main run right before the system's, same rate and parents,
    // both running all along (the idle one costs next to nothing).
    const echoMain = await mainRun(ctx, echoTarget, main);
    const systemMain = await mainRun(ctx, systemTarget, main);
    const topicsAfterMain = world.topicsCreated();

    // Steps after the main runs, lowest rate up; the one failing step ends each series.
    const echoMax = options.findMax
      ? await findMax(
          ctx,
          echoTarget,
          options.steps,
          options.stepSeconds,
          options.parents,
          progress,
        )
      : undefined;
    if (options.findMax) await settle(ctx, systemTarget, 60_000);
    const systemMax = options.findMax
      ? await findMax(
          ctx,
          systemTarget,
          options.steps,
          options.stepSeconds,
          options.parents,
          progress,
        )
      : undefined;
    await echo.stop();

    // Stopped first, so sends in flight are recorded and the rows are final.
    progress("stopping the system");
    await system.stop();
    let cappedMain: PhaseResult | undefined;
    let cappedDuplicates: number | undefined;
    let cappedError: string | undefined;
    if (options.productionCap > 0) {
      progress(`system at the production send cap ${options.productionCap}/s (log ${cappedLog})`);
      const run = await systemAtCap(options.productionCap, cappedLog);
      capped = run;
      current = run.system;
      const cappedTarget = createTarget(ctx, "system", CAPPED_TOKEN, run.system);
      try {
        run.system.start();
        // A fresh database: the migrations and the seeding come first.
        await waitForHealth(run.system, httpPort, 180_000);
        await waitForAnswer(world.fake, run.system, CAPPED_TOKEN);
        await warmUp(ctx, cappedTarget, main.rate);
        await settle(ctx, cappedTarget, 60_000);
        cappedMain = await mainRun(ctx, cappedTarget, main, "system-capped");
        await run.system.stop();
        const cappedFacts = await readDbFacts(run.db.url);
        cappedDuplicates = accountSends(cappedTarget.tracker.sends, cappedFacts.outbox).extra
          .length;
      } catch (error) {
        // The first runs' numbers still count: report them with this failure.
        cappedError = error instanceof Error ? error.message : String(error);
        progress(`production-cap run failed: ${cappedError}`);
      } finally {
        cappedTarget.tracker.stop();
      }
    }
    progress("reading the database");
    const facts = await readDbFacts(db.url);
    const profile = profileDir ? profileSummary(profileDir) : undefined;
    const report = buildLoadReport({
      options,
      started,
      startupMs,
      logFile,
      echoMain,
      systemMain,
      cappedMain,
      cappedDuplicates,
      cappedError,
      echoMax,
      systemMax,
      topicsAfterMain,
      topicsTotal: world.topicsCreated(),
      facts,
      ctx,
      systemTarget,
      mix,
      profile,
      settled,
      waitedForTests,
    });
    console.log(JSON.stringify(report, null, 2));
  } catch (error) {
    progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
    progress(`system log: ${logFile}`);
    throw error;
  } finally {
    echoTarget.tracker.stop();
    systemTarget.tracker.stop();
    await echo.stop();
    await system.stop();
    await capped?.system.stop();
    if (capped && !options.keepDb) await dropBenchDatabase(capped.db.name);
    if (capped) await flushRedisDb(options.redisDb + 1).catch(() => undefined);
    await world.close();
    if (options.keepDb) progress(`database kept: ${db.name}`);
    else await dropBenchDatabase(db.name);
    await flushRedisDb(options.redisDb).catch(() => undefined);
  }
}

/** A short warm-up (JIT, connection pools, caches); not reported. */
async function warmUp(ctx: BenchContext, target: Target, rate: number): Promise<void> {
  progress(`${target.name}: warm-up 3 s`);
  await measurePhase(ctx, target, {
    phase: `${target.name}-warmup`,
    rate: Math.min(rate, 20),
    seconds: 3,
    parents: 100,
  });
  await settle(ctx, target, 15_000);
}

/** The measured run the issue asks for. */
async function mainRun(
  ctx: BenchContext,
  target: Target,
  spec: { rate: number; seconds: number; parents: number },
  phase = `${target.name}-main`,
): Promise<PhaseResult> {
  progress(`${phase}: ${spec.rate} msg/s for ${spec.seconds} s, ${spec.parents} parents`);
  const result = await measurePhase(ctx, target, { phase, ...spec });
  progress(
    `${phase}: p50 ${result.latency_ms?.p50 ?? "-"} ms, p99 ${result.latency_ms?.p99 ?? "-"} ms, ` +
      `lost ${result.lost}, ${result.throughput_per_s} replies/s, ` +
      `CPU ${result.cpu_ms_per_message.bot} ms/msg (+${round(result.cpu_ms_per_message.postgres + result.cpu_ms_per_message.redis, 2)} PostgreSQL and Redis), ` +
      `RSS max ${result.memory.map((m) => `${m.role} ${m.rss_max_mb}`).join(", ")} MB`,
  );
  return result;
}

function profileSummary(dir: string): ProfileSummary | { error: string } {
  const file = largestProfile(dir);
  return file ? summariseProfile(file) : { error: `no .cpuprofile written in ${dir}` };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
