import cluster from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { checkHealth, type HealthDeps } from "./health-routes.js";

/** IPC message types between the supervisor and its children (besides prom-client's own). */
export const HEALTH_REQUEST = "navsup:health-request";
export const HEALTH_RESPONSE = "navsup:health-response";

/** A service child, its modules loaded, asks whether the database is prepared; the answer waits until it is. */
export const PREPARED_REQUEST = "navsup:prepared-request";
export const PREPARED = "navsup:prepared";

/** The one-shot child that applies the migrations and seeds before the service children start. */
export const PREPARE_TASK = "prepare-database";
const TASK_VARIABLE = "NAVSUP_SUPERVISOR_TASK";

/** The one-shot task this supervised child runs, if it is not a service child. */
export const supervisedTask = (): string | undefined =>
  cluster.isWorker ? process.env[TASK_VARIABLE] : undefined;

/** The environment of a one-shot task child. */
export const taskEnv = (task: string) => ({ [TASK_VARIABLE]: task });

const NAME_VARIABLE = "NAVSUP_PROCESS_NAME";

/** The environment that names a service child (`all-1`, `worker-2`, …) in the shared log. */
export const childNameEnv = (name: string) => ({ [NAME_VARIABLE]: name });

/** This supervised child's name, or undefined outside a supervisor. */
export const supervisedChildName = (): string | undefined =>
  cluster.isWorker ? process.env[NAME_VARIABLE] : undefined;

/** True in a child started by the supervisor (app/process-supervisor.ts). */
export const isSupervisedChild = (): boolean => cluster.isWorker;

/**
 * Resolves once the supervisor says the database is prepared. A service child is forked
 * alongside the one-shot prepare task and loads its modules meanwhile (about a second of
 * a restart), then waits here before it touches the database.
 */
export function untilPrepared(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (typeOf(message) !== PREPARED) return;
      process.off("message", onMessage);
      resolve();
    };
    // Asked, not awaited as a push: a message that came before a listener would be lost.
    process.on("message", onMessage);
    process.send?.({ type: PREPARED_REQUEST });
  });
}

export function typeOf(message: unknown): unknown {
  return typeof message === "object" && message !== null
    ? (message as { type?: unknown }).type
    : undefined;
}

/**
 * A supervised child does not open the metrics port (its siblings would fight for it):
 * the supervisor asks each child over IPC for its metrics (prom-client's cluster protocol,
 * for this process's own registry) and its health, and answers /metrics and /healthz.
 */
export function answerSupervisor(deps: HealthDeps): () => void {
  AggregatorRegistry.setRegistries([deps.metrics.registry]);
  // Constructing one installs prom-client's IPC listener in this child.
  new AggregatorRegistry();
  const onMessage = (message: unknown) => {
    if (!isHealthRequest(message)) return;
    checkHealth(deps).then(
      (report) => process.send?.({ type: HEALTH_RESPONSE, id: message.id, report }),
      (error: unknown) => deps.logger.error({ err: error }, "health check failed"),
    );
  };
  process.on("message", onMessage);
  return () => process.off("message", onMessage);
}

function isHealthRequest(message: unknown): message is { type: string; id: number } {
  return typeOf(message) === HEALTH_REQUEST;
}
