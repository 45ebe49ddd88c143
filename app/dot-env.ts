import { existsSync } from "node:fs";

/**
 * Reads `.env` from the current folder into `process.env` when the file exists, with
 * Node's own parser. A variable already set in the environment wins, even when it is set
 * to an empty string, so `FOO= npm start` still turns a channel off. Every entry point
 * calls it first, before the configuration is read.
 */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** `--help`, `-h` or `help` anywhere on the command line. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === "--help" || arg === "-h" || arg === "help");
}
