import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";

/** What `npm run bench:load` and `npm run drill` accept; every value has a default. */
export interface BenchOptions {
  /** Simulated parents of the main run (more are added when all are busy). */
  parents: number;
  /** Parent messages per second offered to the bot. */
  rate: number;
  /** Length of the main run (bench:load). */
  seconds: number;
  /** Step the rate up after the main run to find the highest sustained one. */
  findMax: boolean;
  /**
   * Rates tried by --find-max, lowest first; each step uses fresh parents. The echo bot starts
   * at the main rate when its main run was sustained (the steps below it are known to pass).
   */
  steps: number[];
  stepSeconds: number;
  /** A message with no reply this long after the parent sent it counts as lost. */
  deadlineMs: number;
  /** A parent answered waits this long before writing again (reading time). */
  thinkMs: number;
  /** TELEGRAM_SENDS_PER_SECOND of the system under test (its global send cap). */
  sendsPerSecond: number;
  /**
   * bench:load runs the system a second time at this global send cap (Telegram's own limit
   * is about 30/s), at the same rate; 0 skips it.
   */
  productionCap: number;
  /** How long to wait for another vitest run to end before measuring (0: do not wait). */
  waitForTestsS: number;
  /** NODE_OPTIONS of the system (its children inherit them), e.g. "--max-semi-space-size=8". */
  nodeOptions: string;
  /** Run the system from its TypeScript sources through tsx instead of the compiled dist/. */
  tsx: boolean;
  /** PROCESSES of the system under test (default: one per core, as `npm start`). */
  processes: number;
  /** DATABASE_POOL_SIZE of the system under test. */
  dbPool: number;
  /** RELAY_GROUP_MESSAGES_PER_MINUTE of the system under test (Telegram's group limit is ~20). */
  relayPerMinute: number;
  /** Redis database number the system gets to itself (flushed at start; 0 is the tests'). */
  redisDb: number;
  /** Run the system with --cpu-prof and summarise where its time went. */
  profile: boolean;
  /** Keep the scratch database for inspection instead of dropping it. */
  keepDb: boolean;
  /** Drills to run (npm run drill), in this order. */
  drills: string[];
  /** Seed of the message mix, so runs are comparable. */
  seed: number;
}

export const drillNames = ["kill", "redis", "postgres", "faults", "duplicates"] as const;

const spec = {
  parents: { type: "string", default: "1000" },
  rate: { type: "string" },
  seconds: { type: "string", default: "30" },
  "find-max": { type: "boolean", default: true },
  "no-find-max": { type: "boolean", default: false },
  steps: { type: "string", default: "25,50,100,200,400,700,1000,1400,2000,2800,4000" },
  "step-seconds": { type: "string", default: "10" },
  "deadline-ms": { type: "string", default: "10000" },
  "think-ms": { type: "string", default: "2000" },
  "sends-per-second": { type: "string", default: "2000" },
  "production-cap": { type: "string", default: "30" },
  processes: { type: "string", default: String(availableParallelism()) },
  tsx: { type: "boolean", default: false },
  "node-options": { type: "string", default: "" },
  "wait-for-tests": { type: "string", default: "600" },
  "db-pool": { type: "string", default: "10" },
  "relay-per-minute": { type: "string", default: "20" },
  "redis-db": { type: "string", default: "13" },
  profile: { type: "boolean", default: false },
  "keep-db": { type: "boolean", default: false },
  drills: { type: "string", default: drillNames.join(",") },
  seed: { type: "string", default: "1" },
} as const;

/** Parses argv (after `npm run x --`); `defaultRate` differs between the load bench and the drills. */
export function parseOptions(argv: string[], defaultRate: number): BenchOptions {
  const { values } = parseArgs({ args: argv, options: spec, strict: true });
  const drills = values.drills
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  for (const drill of drills)
    if (!(drillNames as readonly string[]).includes(drill))
      throw new Error(`unknown drill "${drill}"; choose from ${drillNames.join(", ")}`);
  return {
    parents: positive("parents", values.parents),
    rate: positive("rate", values.rate ?? String(defaultRate)),
    seconds: positive("seconds", values.seconds),
    findMax: values["find-max"] && !values["no-find-max"],
    steps: values.steps.split(",").map((s) => positive("steps", s)),
    stepSeconds: positive("step-seconds", values["step-seconds"]),
    deadlineMs: positive("deadline-ms", values["deadline-ms"]),
    thinkMs: positive("think-ms", values["think-ms"]),
    sendsPerSecond: positive("sends-per-second", values["sends-per-second"]),
    productionCap: whole("production-cap", values["production-cap"]),
    processes: positive("processes", values.processes),
    tsx: values.tsx,
    nodeOptions: values["node-options"],
    waitForTestsS: whole("wait-for-tests", values["wait-for-tests"]),
    dbPool: positive("db-pool", values["db-pool"]),
    relayPerMinute: positive("relay-per-minute", values["relay-per-minute"]),
    redisDb: whole("redis-db", values["redis-db"]),
    profile: values.profile,
    keepDb: values["keep-db"],
    drills,
    seed: whole("seed", values.seed),
  };
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be above 0 (got ${raw})`);
  return value;
}

function whole(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a whole number (got ${raw})`);
  if (name === "redis-db" && value === 0)
    throw new Error("--redis-db 0 is where the tests live; pick another database number");
  return value;
}
