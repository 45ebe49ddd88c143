import pg from "pg";

/**
 * The pg pool under a Prisma client. The hot path (a parent's message) talks to it
 * directly with a few hand-written statements; everything else goes through Prisma, on
 * the same connections. The statements' shapes are checked against the migrated schema
 * by the tests that run them (test/intake/hot-path-statements.test.ts; the staff relay's in
 * test/relay/relay-round-trips.test.ts).
 */
const pools = new WeakMap<object, pg.Pool>();

/**
 * Called when an idle connection of a pool breaks (PostgreSQL restarted, a backend was
 * terminated). pg drops that connection and opens a new one on the next query; without a
 * listener the pool's 'error' event would end the process.
 */
export type IdleConnectionError = (error: Error) => void;

const warnOnIdleError: IdleConnectionError = (error) =>
  process.emitWarning(`a database connection broke while idle: ${error.message}`, {
    code: "DB_IDLE_CONNECTION_LOST",
  });

export function createPool(
  databaseUrl: string,
  max: number,
  onIdleError: IdleConnectionError = warnOnIdleError,
): pg.Pool {
  // allowExitOnIdle: a CLI or test that forgets to disconnect still exits. The hot path's
  // type parsers are the connections' own (Prisma passes its parsers with each statement),
  // so `sql` can hand pg the text and values as they are: a config object is copied
  // property by property by pg on every query.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    allowExitOnIdle: true,
    types: sqlTypes,
  });
  // Prisma listens only once its client connects, and only to log at debug level; the hot
  // path may use the pool before that.
  pool.on("error", onIdleError);
  return pool;
}

export function registerPool(owner: object, pool: pg.Pool): void {
  pools.set(owner, pool);
}

/** The pool of a client made by createDb; undefined for any other client (tests' fakes). */
export function poolOf(owner: object): pg.Pool | undefined {
  return pools.get(owner);
}

// Prisma stores DateTime as timestamp(3) without zone, in UTC; pg would read it as local time.
const utcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);

// OIDs of timestamp (without zone) and int8.
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** Result types the hot path reads: timestamps as UTC, bigint sequences as numbers. */
export const sqlTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP_OID) return utcTimestamp;
    if (oid === INT8_OID) return Number;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** Anything that runs one statement: the pool (autocommit) or a checked-out client. */
export interface SqlRunner {
  query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>>;
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

/**
 * Runs one parameterised statement with the hot path's type parsers (the pool's
 * own, see createPool). A named statement
 * (`{ name, text }`, one fixed text per name) is parsed once per connection and, after a
 * few runs, kept with a generic plan: the hot path's statements are long CTEs whose
 * planning costs PostgreSQL more than running them (the contact read: 1.3–1.4 ms of
 * backend CPU unnamed, 0.2 ms named, measured on this machine).
 */
export async function sql<R extends pg.QueryResultRow>(
  runner: SqlRunner,
  statement: string | { name: string; text: string },
  values: unknown[],
): Promise<R[]> {
  const result =
    typeof statement === "string"
      ? await runner.query<R>(statement, values)
      : await runner.query<R>({ name: statement.name, text: statement.text, values });
  return result.rows;
}

/** A Date as PostgreSQL's timestamp(3) without zone expects it (UTC, as Prisma writes). */
export function sqlTime(date: Date): string {
  return date.toISOString().replace("Z", "");
}

/** True for PostgreSQL's unique_violation (23505), optionally on one constraint or index. */
export function isSqlUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  if (e?.code !== "23505") return false;
  return constraint === undefined || e.constraint === constraint;
}
