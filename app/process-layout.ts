import type { Config } from "../core/config/index.js";

export type ChildRole = Exclude<Config["role"], "all">;

/**
 * The roles of the children `start` runs for ROLE and PROCESSES. ROLE=all gives one
 * receiver and the rest workers: on a small machine the receiver's intake and the workers'
 * sending then each get a core. A receiver never runs twice in one supervisor, because two
 * long pollers of one bot token take each other's updates away (Telegram answers the second
 * with 409); more receivers come from more hosts or containers, once each holds a lease.
 */
export function childRoles(role: Config["role"], processes: number): ChildRole[] {
  if (role === "receiver") return ["receiver"];
  if (role === "worker") return Array.from({ length: processes }, () => "worker");
  return ["receiver", ...Array.from({ length: processes - 1 }, () => "worker" as const)];
}

/** A supervisor with children only where it runs more than one process. */
export function runsSupervisor(config: Pick<Config, "role" | "processes">): boolean {
  return childRoles(config.role, config.processes).length > 1;
}
