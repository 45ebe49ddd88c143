import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Children still running when the bench exits (even on a crash) are killed with it. */
const live = new Set<ManagedChild>();
process.once("exit", () => {
  for (const child of live) child.killNow();
});

export interface ChildSpec {
  name: string;
  /** Script path relative to the repo root (made absolute here), run as `node --import tsx <script> ...args`. */
  script: string;
  args?: string[];
  /** Plain JavaScript (the compiled dist/): no tsx loader. */
  compiled?: boolean;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeFlags?: string[];
  env: Record<string, string>;
  /** Working folder (default the repo root); the system runs from its scratch folder, so no .env is read. */
  cwd?: string;
  /** stdout and stderr are appended here (restarts add to the same file). */
  logFile: string;
}

/**
 * A TypeScript program run by plain `node --import tsx`, so the pid is the program itself:
 * kill -9 hits it and not an npm or tsx wrapper. Output goes straight to a log file; the
 * bench process never reads the child's pipes (that would cost it CPU under load).
 */
export class ManagedChild {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  /** Set once the current process has exited (code or signal). */
  exitInfo: string | undefined;

  constructor(readonly spec: ChildSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  start(): void {
    const fd = openSync(this.spec.logFile, "a");
    writeSync(fd, `\n----- ${new Date().toISOString()} bench starts ${this.spec.name} -----\n`);
    const child = spawn(
      process.execPath,
      [
        ...(this.spec.nodeFlags ?? []),
        // By file URL: a bare "tsx" would be looked up from the child's working folder.
        ...(this.spec.compiled ? [] : ["--import", import.meta.resolve("tsx")]),
        path.join(repoRoot, this.spec.script),
        ...(this.spec.args ?? []),
      ],
      { cwd: this.spec.cwd ?? repoRoot, env: this.spec.env, stdio: ["ignore", fd, fd] },
    );
    closeSync(fd);
    this.child = child;
    this.exitInfo = undefined;
    live.add(this);
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitInfo = signal ? `signal ${signal}` : `code ${code}`;
        live.delete(this);
        resolve(code);
      });
    });
  }

  /** Synchronous SIGKILL for process exit handlers. */
  killNow(): void {
    if (this.running) this.child?.kill("SIGKILL");
  }

  /** kill -9: no shutdown hooks run, as in a crash or an OOM kill. */
  async killHard(): Promise<void> {
    if (!this.running) return;
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM and wait (the service stops cleanly; --cpu-prof writes its file); SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child?.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
