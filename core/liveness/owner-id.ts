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
 * The first key of every liveness lock (pg_advisory_lock(int, int)): the second is
 * hashtext(owner). Two owners whose hashes collide look alive while either lives, which
 * errs on the safe side: their leases are waited out.
 */
export const LIVENESS_LOCK_CLASS = 0x6e737570; // "nsup"

/** SQL: true when the owner named by `ownerSql` holds its liveness lock in this database. */
export const holdsLock = (ownerSql: string) => `EXISTS (
  SELECT 1 FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = ${LIVENESS_LOCK_CLASS}::oid AND l.objid = hashtext(${ownerSql})::oid)`;
