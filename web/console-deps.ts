import type { Agent } from "../core/db/index.js";
import type { StaffDeps } from "../core/staff/index.js";

/** What the console needs from the app: core's staff operations and its public address. */
export interface ConsoleDeps {
  /** core.staff: the same dependencies the relay's operations run on. */
  staff: StaffDeps;
  /** CONSOLE_PUBLIC_URL; https makes the cookies Secure. */
  publicUrl: string;
  /** Requests per minute per address (default 600; sign-in pages allow 20). */
  requestsPerMinute?: number;
}

export type Locale = "ru" | "en";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in staff member (set by the session hook on protected routes). */
    consoleAgent: Agent | null;
    consoleLocale: Locale;
  }
}

export function isSupervisor(agent: Agent): boolean {
  return agent.role === "supervisor" || agent.role === "admin";
}
