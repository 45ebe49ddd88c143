import type { Config } from "../core/config/index.js";

export type ChildRole = Config["role"];

/**
 * The roles of the children `start` runs for ROLE and PROCESSES: every child gets the role
 * asked for. Several receivers are safe: one long poller per bot token holds a lease in
 * Redis and the others stand by, and every child claims updates from the durable inbox and
 * sends its own replies at once (in process: no queue job per reply, which would cost
 * about 50 Redis commands per message through BullMQ).
 */
export function childRoles(role: Config["role"], processes: number): ChildRole[] {
  return Array.from({ length: Math.max(1, processes) }, () => role);
}

/** A supervisor with children only where it runs more than one process. */
export function runsSupervisor(config: Pick<Config, "role" | "processes">): boolean {
  return childRoles(config.role, config.processes).length > 1;
}
