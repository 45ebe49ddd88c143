import type { Config } from "../core/config/index.js";

export type ChildRole = Config["role"];

/**
 * The roles of the children `start` runs for ROLE and PROCESSES. ROLE=all gives one child
 * that receives and also sends its own replies at once (in process: no queue job per
 * reply, which costs a receiver-only child about 50 Redis commands per message through
 * BullMQ), and the rest workers (queued sends, retries, SLA timers, maintenance). A
 * receiver never runs twice in one supervisor, because two long pollers of one bot token
 * take each other's updates away (Telegram answers the second with 409).
 */
export function childRoles(role: Config["role"], processes: number): ChildRole[] {
  if (role === "receiver") return ["receiver"];
  if (processes <= 1) return [role];
  if (role === "worker") return Array.from({ length: processes }, () => "worker");
  return ["all", ...Array.from({ length: processes - 1 }, () => "worker" as const)];
}

/** A supervisor with children only where it runs more than one process. */
export function runsSupervisor(config: Pick<Config, "role" | "processes">): boolean {
  return childRoles(config.role, config.processes).length > 1;
}
