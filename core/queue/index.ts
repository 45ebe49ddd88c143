export { queueNames, outboxQueueName, safeJobId, type QueueName } from "./queue-names.js";
export { createRedis, type RedisClient } from "./redis-connection.js";
export {
  createJobQueues,
  startWorker,
  defaultJobOptions,
  type JobQueues,
  type QueueSetup,
  type JobHandler,
} from "./job-queues.js";
export { createChatLock, type ChatLock } from "./chat-lock.js";
export { createRateGate, type RateGate } from "./rate-gate.js";
export {
  createKeyedTimers,
  timerJobOptions,
  type KeyedTimers,
  type TimerJob,
} from "./keyed-timers.js";
export { createPollerLease, type PollerLease } from "./poller-lease.js";
