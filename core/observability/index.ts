export { createLogger, silentLogger, type Logger, type LoggerOptions } from "./logger.js";
export { createLogSafety, type LogSafety } from "./log-safety.js";
export { createMetrics, type Metrics } from "./metrics.js";
