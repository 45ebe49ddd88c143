import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/**
 * A process's name on the leases it takes (Inbox and Outbox `leasedBy`, the poller's key
 * in Redis). The leading "@" says the process holds a liveness lock (see holdLiveness), so
 * its leases may be released as soon as that lock is gone; a name without it (an older
 * version during a rolling deploy) is only ever waited out.
 */
export function newOwnerId(): string {
  return `@${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function tracksLiveness(owner: string): boolean {
  return owner.startsWith("@");
}

/**
 * Whether `owner` was a process of this host that no longer runs: its pid is gone, or it
 * is this process's own pid (a restarted container's process gets the same one). Such an
 * owner needs no grace: it is not reopening a connection. Any other owner may be.
 */
export function diedOnThisHost(owner: string, host = hostname()): boolean {
  const parts = /^@(.+):(\d+):[^:]+$/.exec(owner);
  if (!parts || parts[1] !== host) return false;
  const pid = Number(parts[2]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * The first key of every liveness lock (pg_advisory_lock(int, int)): the second is
 * hashtext(owner). Two owners whose hashes collide look alive while either lives, which
 * errs on the safe side: their leases are waited out.
 */
export const LIVENESS_LOCK_CLASS = 0x6e737570; // "nsup"

/**
 * SQL: the liveness locks held in this database, as `objid`s (hashtext(owner)::oid). Each
 * read of pg_locks walks the whole lock table (about 0.5 ms): a statement reads it once.
 */
export const heldLocks = `SELECT l.objid FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = ${LIVENESS_LOCK_CLASS}::oid`;

/** SQL: true when the owner named by `ownerSql` holds its liveness lock in this database. */
export const holdsLock = (ownerSql: string) => `hashtext(${ownerSql})::oid IN (${heldLocks})`;
