import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import { AggregatorRegistry } from "prom-client";
import type { Config } from "../core/config/index.js";
import type { Logger } from "../core/observability/index.js";
import type { HealthReport } from "./health-routes.js";
import { createHttpServer } from "./http-server.js";
import { childRoles, type ChildRole } from "./process-layout.js";
import {
  childNameEnv,
  HEALTH_REQUEST,
  HEALTH_RESPONSE,
  PREPARE_TASK,
  PREPARED,
  PREPARED_REQUEST,
  taskEnv,
  typeOf,
} from "./supervised-child.js";

/** A child that died meanwhile has no channel: sending would raise an error event. */
function tellPrepared(worker: Worker): void {
  if (worker.isConnected()) worker.send({ type: PREPARED });
}

/** A child that dies is started again after this, doubling per quick death up to the cap. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** A child that ran this long before dying starts over at the first backoff. */
const STABLE_AFTER_MS = 60_000;
/** A child still running this long after SIGTERM is killed (compose waits 30 s). */
const STOP_GRACE_MS = 25_000;
const HEALTH_TIMEOUT_MS = 3_000;

interface Slot {
  name: string;
  role: ChildRole;
  worker?: Worker;
  startedAt: number;
  backoffMs: number;
  restarts: number;
  timer?: NodeJS.Timeout;
}

export interface Supervisor {
  metricsPort: number;
  /** The children's pids by slot name (`receiver-1`, `worker-2`, …); absent while restarting. */
  pids(): Record<string, number | undefined>;
  /** SIGTERM to every child, wait until each has stopped; true when all exited cleanly. */
  stop(): Promise<boolean>;
}

/**
 * The primary of `npm start` with PROCESSES > 1: it forks one child per slot with ROLE set
 * (node:cluster, so the children share the public HTTP port), starts a dead child again
 * with a backoff, serves /healthz and /metrics for all of them on METRICS_PORT, and on stop
 * lets every child finish its jobs in hand.
 */
export async function startSupervisor(config: Config, logger: Logger): Promise<Supervisor> {
  let stopping = false;
  const slots: Slot[] = childRoles(config.role, config.processes).map((role, i) => ({
    name: `${role}-${i + 1}`,
    role,
    startedAt: 0,
    backoffMs: FIRST_BACKOFF_MS,
    restarts: 0,
  }));
  const exits = new Map<Worker, Promise<void>>();
  // The children's memory settings (CHILD_NODE_OPTIONS): after the supervisor's own flags,
  // so they win over the same flags in NODE_OPTIONS or on its command line.
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...config.childNodeOptions] });

  // Set once the prepare task has applied the migrations; children that asked before wait.
  let prepared = false;
  const waiting = new Set<Worker>();
  const fork = (slot: Slot) => {
    slot.timer = undefined;
    // The supervisor applied the migrations already; a child must not race its siblings.
    const worker = cluster.fork({
      ROLE: slot.role,
      MIGRATE_ON_START: "false",
      PROCESSES: "1",
      ...sendCapShare(config, slots.length),
      ...childNameEnv(slot.name),
    });
    slot.worker = worker;
    slot.startedAt = Date.now();
    worker.on("message", (message: unknown) => {
      if (typeOf(message) !== PREPARED_REQUEST) return;
      if (prepared) tellPrepared(worker);
      else waiting.add(worker);
    });
    exits.set(
      worker,
      new Promise((resolve) =>
        worker.once("exit", (code, signal) => {
          exits.delete(worker);
          waiting.delete(worker);
          if (slot.worker === worker) slot.worker = undefined;
          resolve();
          if (!stopping) restartLater(slot, code, signal);
        }),
      ),
    );
  };

  const restartLater = (slot: Slot, code: number | null, signal: string | null) => {
    if (Date.now() - slot.startedAt >= STABLE_AFTER_MS) slot.backoffMs = FIRST_BACKOFF_MS;
    const delayMs = slot.backoffMs;
    slot.backoffMs = Math.min(MAX_BACKOFF_MS, slot.backoffMs * 2);
    slot.restarts += 1;
    logger.error(
      { process: slot.name, code, signal, restartInMs: delayMs, restarts: slot.restarts },
      "a child process stopped unexpectedly; starting it again",
    );
    slot.timer = setTimeout(() => fork(slot), delayMs);
  };

  const aggregator = new AggregatorRegistry();
  const monitoring = createHttpServer(logger);
  monitoring.route("GET", "/healthz", async (_req, res) => {
    const reports = await Promise.all(
      slots.map(async (slot) => [slot.name, await askHealth(slot.worker)] as const),
    );
    const down = reports.filter(([, r]) => r?.status !== "ok").map(([name]) => name);
    const body = {
      status: down.length === 0 ? "ok" : "unhealthy",
      down,
      processes: Object.fromEntries(
        reports.map(([name, report]) => [name, report ?? { status: "not answering" }]),
      ),
    };
    res
      .writeHead(down.length === 0 ? 200 : 503, { "content-type": "application/json" })
      .end(JSON.stringify(body));
  });
  monitoring.route("GET", "/metrics", async (_req, res) => {
    const text = await aggregator.clusterMetrics();
    res.writeHead(200, { "content-type": aggregator.contentType }).end(text);
  });

  // Migrations and seeding once, in a child of their own, before any service child uses the
  // database: siblings never race, and the supervisor never loads Prisma or the channels.
  // The service children start alongside and load their modules meanwhile (a restart is
  // about a second shorter), then wait for the word (untilPrepared).
  const prepare = cluster.fork(taskEnv(PREPARE_TASK));
  for (const slot of slots) fork(slot);
  const [code, signal] = (await once(prepare, "exit")) as [number | null, string | null];
  if (code !== 0) {
    // They have touched nothing yet: nothing of theirs to finish.
    stopping = true;
    for (const worker of exits.keys()) worker.process.kill("SIGKILL");
    await Promise.all([...exits.values()]);
    throw new SupervisorError(
      `preparing the database failed (${signal ? `signal ${signal}` : `exit code ${code}`}); its error is printed above`,
    );
  }
  prepared = true;
  for (const worker of waiting) tellPrepared(worker);
  waiting.clear();
  const metricsPort = await monitoring.listen(config.metrics.port, config.metrics.host);
  logger.info(
    { processes: slots.map((s) => s.name), metricsPort },
    "supervisor started its processes",
  );

  return {
    metricsPort,
    pids: () => Object.fromEntries(slots.map((s) => [s.name, s.worker?.process.pid])),
    async stop() {
      stopping = true;
      for (const slot of slots) clearTimeout(slot.timer);
      const workers = [...exits.keys()];
      for (const worker of workers) worker.process.kill("SIGTERM");
      const killer = setTimeout(() => {
        for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGKILL");
      }, STOP_GRACE_MS);
      await Promise.all([...exits.values()]);
      clearTimeout(killer);
      await monitoring.close();
      return workers.every((w) => w.process.exitCode === 0);
    },
  };
}

/** The supervisor cannot start its children; the message says why. */
export class SupervisorError extends Error {
  readonly code = "SUPERVISOR_START_FAILED";
}

let healthRequests = 0;

/** The child's own health report, or undefined when it is not running or does not answer. */
function askHealth(worker: Worker | undefined): Promise<HealthReport | undefined> {
  if (!worker?.isConnected()) return Promise.resolve(undefined);
  const id = ++healthRequests;
  return new Promise((resolve) => {
    const done = (report: HealthReport | undefined) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      resolve(report);
    };
    const onMessage = (message: { type?: string; id?: number; report?: HealthReport }) => {
      if (message?.type === HEALTH_RESPONSE && message.id === id) done(message.report);
    };
    const timer = setTimeout(() => done(undefined), HEALTH_TIMEOUT_MS);
    worker.on("message", onMessage);
    worker.send({ type: HEALTH_REQUEST, id });
  });
}

/**
 * TELEGRAM_SENDS_PER_SECOND is the parents' bot's cap in all (Telegram counts per bot, not
 * per process), and each child enforces what it is given: so each gets an equal share. The
 * inbox spreads parents over the children, so their sends are about even.
 */
export function sendCapShare(
  config: Pick<Config, "telegram">,
  children: number,
): { TELEGRAM_SENDS_PER_SECOND?: string } {
  if (!config.telegram) return {};
  const share = Math.max(1, Math.floor(config.telegram.sendsPerSecond / Math.max(1, children)));
  return { TELEGRAM_SENDS_PER_SECOND: String(share) };
}
