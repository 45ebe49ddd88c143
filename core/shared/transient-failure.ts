/**
 * True when an error means "the database or Redis is briefly away" (refused or dropped
 * connections, a restarting server, an exhausted pool), so the same work will succeed if
 * tried again a little later. Anything else (a bug, invalid input) would fail again.
 * Duck-typed on purpose: Prisma, pg, ioredis and Node wrap each other's errors in `cause`.
 */
export function isTransientFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== "object") return false;
    if (matchesTransient(current as Record<string, unknown>)) return true;
    current = (current as { cause?: unknown; error?: unknown }).cause ?? undefined;
  }
  return false;
}

// Prisma: can't reach / timed out / closed connection / pool timeout / transaction API error.
const prismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const nodeCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
const adapterKinds = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
const messages = [
  /connection terminated/i,
  /connection is closed/i,
  /server has closed the connection/i,
  /can't reach database server/i,
  /timed out fetching a new connection/i,
  /terminating connection due to administrator command/i,
  // pg, on a connection PostgreSQL cut while a transaction held it (a restart).
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /MaxRetriesPerRequest/i,
  /Stream isn't writeable/i,
];

function matchesTransient(error: Record<string, unknown>): boolean {
  const code = typeof error.code === "string" ? error.code : undefined;
  if (code && (prismaCodes.has(code) || nodeCodes.has(code) || isSqlStateTransient(code)))
    return true;
  const adapter = (error.meta as { driverAdapterError?: { cause?: Record<string, unknown> } })
    ?.driverAdapterError?.cause;
  if (adapter) {
    if (typeof adapter.kind === "string" && adapterKinds.has(adapter.kind)) return true;
    if (typeof adapter.originalCode === "string" && isSqlStateTransient(adapter.originalCode))
      return true;
  }
  const message = typeof error.message === "string" ? error.message : "";
  return messages.some((pattern) => pattern.test(message));
}

/** SQLSTATE 08xxx connection exceptions, 57P0x shutdowns, 53300 too many connections. */
function isSqlStateTransient(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300";
}
