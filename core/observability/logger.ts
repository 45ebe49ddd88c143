import { pino, type Logger } from "pino";

export type { Logger };

/** Structured JSON logs; secrets never appear (tokens are redacted wherever they sit). */
export function createLogger(level: string = "info", base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "navigator-support", ...base },
    redact: {
      paths: ["token", "*.token", "config.*.token", "headers.authorization"],
      censor: "[redacted]",
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** For tests and tools that want silence. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
