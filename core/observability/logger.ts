import { type DestinationStream, pino, type Logger } from "pino";
import { createLogSafety } from "./log-safety.js";

export type { Logger };

export interface LoggerOptions {
  /** The configured tokens and passwords: replaced wherever they appear. */
  secrets?: readonly (string | undefined)[];
  /** Where the JSON lines go (stdout by default; tests capture them). */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs that carry no secrets and no parents' words: every record passes
 * core/observability/log-safety (tokens scrubbed from every string, payloads and raw
 * updates dropped, errors reduced to type, method, code, description and ids). Message
 * texts are hidden; at `debug` they are shown, masked.
 */
export function createLogger(
  level: string = "info",
  base: Record<string, unknown> = {},
  options: LoggerOptions = {},
): Logger {
  const showText = level === "debug" || level === "trace";
  const safety = createLogSafety({ secrets: options.secrets, showText });
  return pino(
    {
      level,
      base: { service: "navigator-support", ...base },
      redact: {
        paths: [
          "token",
          "*.token",
          "config.*.token",
          "headers.authorization",
          "access_token",
          "*.access_token",
          "password",
          "*.password",
          "databaseUrl",
          "*.databaseUrl",
        ],
        censor: "[redacted]",
      },
      // The safe form is made in `formatters.log`; pino's own serializers must not redo it.
      serializers: { err: (value: unknown) => value, error: (value: unknown) => value },
      formatters: { log: (record) => safety.sanitize(record) },
      hooks: {
        logMethod(args, method) {
          const safe = args.map((arg: unknown) =>
            typeof arg === "string" ? safety.scrub(arg) : arg,
          );
          method.apply(this, safe as Parameters<typeof method>);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination(1),
  );
}

/** For tests and tools that want silence. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
