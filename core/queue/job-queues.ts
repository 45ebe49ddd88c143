import { type JobsOptions, Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { type QueueName, queueNames } from "./queue-names.js";

export interface QueueSetup {
  connection: Redis;
  /** Redis key prefix; tests use their own so parallel runs never meet. */
  prefix: string;
  /** Connection trouble of queues and workers (BullMQ prints it raw to stderr otherwise). */
  onError?: (error: Error, where: string) => void;
}

/** Jobs are small (ids only) and finished jobs are dropped so a job id can be used again. */
export const defaultJobOptions: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
  attempts: 5,
  backoff: { type: "exponential", delay: 1000 },
};

export interface JobQueues {
  get(name: QueueName): Queue;
  add(
    name: QueueName,
    jobName: string,
    data: Record<string, unknown>,
    options?: JobsOptions,
  ): Promise<void>;
  close(): Promise<void>;
}

export function createJobQueues(setup: QueueSetup): JobQueues {
  const queues = new Map<QueueName, Queue>();
  const get = (name: QueueName) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: setup.connection,
        prefix: setup.prefix,
        defaultJobOptions,
      });
      const onError = setup.onError;
      if (onError) queue.on("error", (error) => onError(error, `queue ${name}`));
      queues.set(name, queue);
    }
    return queue;
  };
  return {
    get,
    async add(name, jobName, data, options) {
      await get(name).add(jobName, data, options);
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export type JobHandler = (job: {
  name: string;
  data: unknown;
  id?: string;
  attemptsMade: number;
}) => Promise<void>;

/** Starts a worker; `concurrency` jobs of this queue run at once in this process. */
export function startWorker(
  setup: QueueSetup,
  name: QueueName,
  handler: JobHandler,
  options: { concurrency?: number; onFailed?: (job: Job | undefined, error: Error) => void } = {},
): Worker {
  const connection = setup.connection.duplicate();
  const worker = new Worker(name, (job) => handler(job), {
    connection,
    prefix: setup.prefix,
    concurrency: options.concurrency ?? 10,
  });
  // BullMQ never closes a connection it was handed; this one is the worker's own.
  worker.on("closed", () => connection.disconnect());
  if (options.onFailed) worker.on("failed", options.onFailed);
  const onError = setup.onError;
  if (onError) worker.on("error", (error) => onError(error, `worker ${name}`));
  return worker;
}

export { queueNames };
