import type { SqlRunner } from "../db/index.js";
import { findDeadHolders, type Released, releaseDeadLeases } from "./dead-leases.js";
import { diedOnThisHost } from "./owner-id.js";

export interface ReclaimResult extends Released {
  /** The owners whose leases were released. */
  owners: string[];
  /** Owners that look dead but are still within the grace: look again in this many ms. */
  recheckInMs?: number;
}

export interface DeadLeaseReclaimer {
  sweep(): Promise<ReclaimResult>;
}

/**
 * Releases the leases of processes that died, once they have looked dead for `graceMs`.
 * The grace covers a live process whose liveness connection is being opened again (after
 * a PostgreSQL restart every session drops at once): releasing its leases then could send
 * a reply it is sending right now a second time. A process of this host whose pid is gone
 * (a restart of a killed process) is released at once.
 */
export function createDeadLeaseReclaimer(
  runner: SqlRunner,
  self: string,
  graceMs: number,
  now: () => number = Date.now,
  certainlyDead: (owner: string) => boolean = diedOnThisHost,
): DeadLeaseReclaimer {
  // When each owner was first seen dead; forgotten once it is not (alive again, or its
  // leases are gone).
  const suspects = new Map<string, number>();
  return {
    async sweep() {
      const dead = new Set(await findDeadHolders(runner, self));
      const at = now();
      for (const owner of suspects.keys()) if (!dead.has(owner)) suspects.delete(owner);
      const due: string[] = [];
      let soonest: number | undefined;
      for (const owner of dead) {
        const since = certainlyDead(owner) ? at - graceMs : (suspects.get(owner) ?? at);
        suspects.set(owner, since);
        const left = since + graceMs - at;
        if (left <= 0) due.push(owner);
        else soonest = Math.min(soonest ?? left, left);
      }
      const released = await releaseDeadLeases(runner, due);
      for (const owner of due) suspects.delete(owner);
      return { ...released, owners: due, recheckInMs: soonest };
    },
  };
}
