import { execFile } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Command lines of running vitest processes (another engineer's test run). Only node, npm
 * and sh processes count: a shell script that merely mentions the word is not a test run.
 */
export async function vitestRuns(): Promise<string[]> {
  const out = await run("pgrep", ["-fa", "vitest"]).then(
    (r) => r.stdout.trim(),
    () => "",
  );
  return (out ? out.split("\n") : []).filter((line) => /^\d+ (\S*\/)?(node|npm|sh)\b/.test(line));
}

/** Waits until no vitest runs (restarting Redis or PostgreSQL under a test run breaks it). */
export async function waitForNoTests(
  progress: (line: string) => void,
  maxWaitMs: number,
): Promise<number> {
  const started = Date.now();
  let said = false;
  for (;;) {
    const runs = await vitestRuns();
    if (runs.length === 0) return Date.now() - started;
    if (!said) {
      progress(`a vitest run is active (${runs[0]?.slice(0, 80)}); waiting for it to finish`);
      said = true;
    }
    if (Date.now() - started > maxWaitMs)
      throw new Error(
        `vitest still running after ${Math.round(maxWaitMs / 1000)} s; drill not run`,
      );
    await sleep(2000);
  }
}
